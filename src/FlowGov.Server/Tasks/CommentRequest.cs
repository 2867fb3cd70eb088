namespace FlowGov.Server.Tasks;

public sealed record CommentRequest(string Text);
