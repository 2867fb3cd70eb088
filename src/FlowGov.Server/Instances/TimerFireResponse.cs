namespace FlowGov.Server.Instances;

/// <summary>A timer rescheduled by fire-now: when it was due and when it was set to fire.</summary>
public sealed record TimerFireResponse(string InstanceId, string BookmarkId, DateTimeOffset DueAt, DateTimeOffset FiresAt);
