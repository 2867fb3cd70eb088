namespace FlowGov.Server.Tasks;

/// <summary>催办: reminds whoever holds the task; <see cref="Message"/> is optional.</summary>
public sealed record NudgeRequest(string? Message);
