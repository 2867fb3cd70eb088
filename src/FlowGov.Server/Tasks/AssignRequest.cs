namespace FlowGov.Server.Tasks;

/// <summary>Hand over (转办) or delegate (委托) a task to <see cref="UserId"/>: a user id or the user name.</summary>
public sealed record AssignRequest(string UserId, string? Comment);
