namespace FlowGov.Server.Notifications;

/// <summary>
/// An inbox notification as the current user sees it. <see cref="Kind"/> is notify (a Notify
/// activity), warning/overdue/escalation (deadline events), nudge (催办) or assigned.
/// </summary>
public sealed record NotificationItem(string Id, string Kind, string Title, string? Body, string? InstanceId, string? TaskId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>How many notifications addressed to the current user are unread.</summary>
public sealed record UnreadCount(int Unread);
