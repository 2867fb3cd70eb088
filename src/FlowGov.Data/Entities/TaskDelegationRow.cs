namespace FlowGov.Data.Entities;

/// <summary>
/// A task delegated (委托) by its assignee to someone else: the delegate works it, the delegator
/// keeps seeing it and may take it back. A hand-over (转办) leaves no such row.
/// </summary>
public sealed class TaskDelegationRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string District { get; set; }

    public required string TaskId { get; set; }

    public required string FromUser { get; set; }

    public required string ToUser { get; set; }

    public DateTimeOffset At { get; set; }
}
