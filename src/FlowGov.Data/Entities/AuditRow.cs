namespace FlowGov.Data.Entities;

/// <summary>Append-only audit log: who did what to which subject, when, and from where. The database refuses updates and deletes.</summary>
public sealed class AuditRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string District { get; set; }

    /// <summary>Who: a user id, or <c>system:…</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What: e.g. <c>definition.publish</c>.</summary>
    public required string Action { get; set; }

    /// <summary>On what: e.g. <c>grid-event@3</c>.</summary>
    public string? Subject { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>From where: client address, <c>cli</c>, <c>scheduler</c>.</summary>
    public string? Source { get; set; }

    public string? Data { get; set; }
}
