namespace FlowGov.Data.Entities;

/// <summary>Why an instance faulted, queryable across instances (the operations dashboard).</summary>
public sealed class IncidentRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string District { get; set; }

    public required string ActivityId { get; set; }

    public required string TokenId { get; set; }

    public required string Message { get; set; }

    public string? Property { get; set; }

    public int? Line { get; set; }

    public int? Column { get; set; }

    public DateTimeOffset At { get; set; }

    public bool Resolved { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
