namespace FlowGov.Server.Tasks;

/// <summary>退回: the earlier user-task step to send the task back to, and why.</summary>
public sealed record SendBackRequest(string? ToActivityId, string? Comment);
