namespace FlowGov.Server.Tasks;

/// <summary>An earlier user-task step of the instance's path a task may be sent back to.</summary>
public sealed record SendBackTarget(string ActivityId, string Name);
