using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>
/// The whole durable state of one running process, stored as JSON beside a few indexed columns.
/// The runner mutates a freshly loaded copy; the store commits it with the run's effects in one
/// transaction, guarded by <see cref="Revision"/>.
/// </summary>
public sealed class WorkflowInstance
{
    /// <summary>Bumped when the shape of this JSON changes; old states are upgraded on load.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;

    public required string Id { get; init; }

    public required string DefinitionKey { get; init; }

    public int DefinitionVersion { get; set; }

    public string? District { get; init; }

    public string? BusinessKey { get; init; }

    public string? StartedBy { get; init; }

    /// <summary>The org unit the instance belongs to (<see cref="StartRequest.OrgUnit"/>); absent in states written before 2026-12-07.</summary>
    public string? OrgUnit { get; init; }

    public InstanceStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Optimistic-concurrency token, managed by the store: 0 before the first commit.</summary>
    public long Revision { get; set; }

    public JsonElement? Input { get; init; }

    public Dictionary<string, JsonElement> Variables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The latest submitted values of each form, by form key (scripts see them as <c>forms</c>).</summary>
    public Dictionary<string, JsonElement> Forms { get; init; } = new(StringComparer.Ordinal);

    public List<Token> Tokens { get; init; } = [];

    public List<Bookmark> Bookmarks { get; init; } = [];

    /// <summary>Open human tasks; closed ones live only in the store's task table and the journal.</summary>
    public List<HumanTask> Tasks { get; init; } = [];

    /// <summary>Per-activity bookkeeping (join arrivals, multi-instance progress, votes), by state key.</summary>
    public Dictionary<string, JsonElement> ActivityState { get; init; } = new(StringComparer.Ordinal);

    public List<Incident> Incidents { get; init; } = [];

    /// <summary>The worst deadline state of the open tasks: Overdue when any task is overdue (not stored; derived).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public DeadlineState DeadlineState
    {
        get
        {
            var worst = DeadlineState.OnTime;
            foreach (var t in Tasks)
            {
                if (t.DeadlineState > worst)
                {
                    worst = t.DeadlineState;
                }
            }

            return worst;
        }
    }

    public long JournalSequence { get; set; }

    public string? ParentInstanceId { get; init; }

    public string? ParentBookmarkId { get; init; }

    /// <summary>Set by End activities that map outputs; handed to the parent of a sub-process.</summary>
    public JsonElement? Output { get; set; }

    public Bookmark? FindBookmark(string bookmarkId)
    {
        foreach (var b in Bookmarks)
        {
            if (b.Id == bookmarkId)
            {
                return b;
            }
        }

        return null;
    }

    public Token? FindToken(string tokenId)
    {
        foreach (var t in Tokens)
        {
            if (t.Id == tokenId)
            {
                return t;
            }
        }

        return null;
    }

    public HumanTask? FindTask(string taskId)
    {
        foreach (var t in Tasks)
        {
            if (t.Id == taskId)
            {
                return t;
            }
        }

        return null;
    }
}
