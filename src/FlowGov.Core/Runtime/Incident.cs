namespace FlowGov.Core.Runtime;

/// <summary>Why an instance faulted: the activity, the property and script position when a script failed.</summary>
public sealed class Incident
{
    public required string Id { get; init; }

    public required string ActivityId { get; set; }

    public required string TokenId { get; init; }

    public required string Message { get; init; }

    public string? Property { get; init; }

    public int? Line { get; init; }

    public int? Column { get; init; }

    public DateTimeOffset At { get; init; }

    public bool Resolved { get; set; }

    public DateTimeOffset? ResolvedAt { get; set; }
}
