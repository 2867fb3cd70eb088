namespace FlowGov.Server.Instances;

public sealed record JournalItem(long Sequence, string Kind, string? ActivityId, string? ActivityType, string? Port, string? Actor, DateTimeOffset At, string? Data, string? Message);
