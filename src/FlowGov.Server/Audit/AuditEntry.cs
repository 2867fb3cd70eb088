namespace FlowGov.Server.Audit;

public sealed record AuditEntry(long Id, string Actor, string Action, string? Subject, DateTimeOffset At, string? Source, string? Data);
