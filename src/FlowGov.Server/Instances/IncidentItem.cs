namespace FlowGov.Server.Instances;

public sealed record IncidentItem(string Id, string ActivityId, string Message, string? Property, int? Line, int? Column, DateTimeOffset At, bool Resolved);
