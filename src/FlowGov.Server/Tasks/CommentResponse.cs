namespace FlowGov.Server.Tasks;

public sealed record CommentResponse(long Id, string Author, DateTimeOffset At, string Text);
