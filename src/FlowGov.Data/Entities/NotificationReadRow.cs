namespace FlowGov.Data.Entities;

/// <summary>
/// That one user has read one inbox notification (an <see cref="OutboxRow"/>). A notification
/// addressed to a role at a unit reaches several people, so read state is per reader, not on the row.
/// </summary>
public sealed class NotificationReadRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string District { get; set; }

    public required string NotificationId { get; set; }

    public required string UserId { get; set; }

    public DateTimeOffset ReadAt { get; set; }
}
