namespace FlowGov.Core.Runtime;

/// <summary>
/// What a person did, written to the audit log by the store in the same transaction as the advance
/// it caused: the log then holds every committed change a person made and nothing that was rolled
/// back, and the request costs one write transaction, not two. <see cref="Subject"/> null means the
/// advanced instance.
/// </summary>
public sealed record AuditNote(string Actor, string Action, DateTimeOffset At, string Source, string? Subject = null, string? Data = null);
