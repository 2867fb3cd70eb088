using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>
/// A persisted wait. Resuming it by id is idempotent: once consumed it is gone from the instance,
/// and a second resume answers "already done" instead of transitioning again.
/// </summary>
public sealed class Bookmark
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; set; }

    /// <summary>The token that waits on it; when that token moves on, its bookmarks are removed.</summary>
    public required string TokenId { get; init; }

    public required BookmarkKind Kind { get; init; }

    /// <summary>Lookup key: <c>name:correlation</c> for signals; null otherwise.</summary>
    public string? Key { get; init; }

    /// <summary>When a timer fires.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The human task it belongs to.</summary>
    public string? TaskId { get; init; }

    /// <summary>What the activity uses it for (e.g. <c>warning</c>, <c>overdue</c>, <c>close</c>).</summary>
    public string? Tag { get; init; }

    /// <summary>Reusable bookmarks (votes) stay open across resumes until their activity completes.</summary>
    public bool Reusable { get; init; }

    public JsonElement? Data { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
