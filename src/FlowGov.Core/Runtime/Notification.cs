namespace FlowGov.Core.Runtime;

/// <summary>A message for people (inbox) or a system (webhook), written to the outbox with the transition that caused it.</summary>
public sealed class Notification
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; init; }

    /// <summary><c>inbox</c> or <c>webhook</c>.</summary>
    public string Channel { get; init; } = "inbox";

    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    public string? Unit { get; init; }

    public required string Title { get; init; }

    public string? Body { get; init; }

    public string? Url { get; init; }

    public DateTimeOffset At { get; init; }
}
