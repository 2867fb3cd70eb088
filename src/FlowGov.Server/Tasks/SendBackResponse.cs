namespace FlowGov.Server.Tasks;

/// <summary>The task re-created at the earlier step.</summary>
public sealed record SendBackResponse(string TaskId, string ActivityId, string? Assignee);
