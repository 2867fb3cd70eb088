using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Persistence;

/// <summary>
/// The persistence port in memory, for Core's own tests and test runs in the designer. It keeps
/// instances as JSON, exactly as a real store does, so every load is a fresh copy and every test
/// also proves the state round-trips.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock _gate = new();
    private readonly List<WorkflowDefinition> _definitions = [];
    private readonly Dictionary<string, (string Json, long Revision)> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BookmarkRef> _bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _signalIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HumanTask> _tasks = new(StringComparer.Ordinal);
    private readonly List<JournalEntry> _journal = [];
    private readonly List<Notification> _outbox = [];
    private readonly Dictionary<string, string> _childrenByParentBookmark = new(StringComparer.Ordinal);

    public int CommitCount { get; private set; }

    public void AddDefinition(WorkflowDefinition definition)
    {
        lock (_gate)
        {
            _definitions.Add(definition);
        }
    }

    public Task<WorkflowDefinition?> FindDefinitionAsync(string? district, string key, int? version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var match = _definitions
                .Where(d => d.Key == key && (d.District == district || d.District is null || district is null) && (version is null || d.Version == version))
                .OrderByDescending(d => d.District == district)
                .ThenByDescending(d => d.Version)
                .FirstOrDefault();
            return Task.FromResult(match);
        }
    }

    public Task<WorkflowInstance?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Load(instanceId));
        }
    }

    public Task<ResumeTarget?> FindResumeTargetAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Target(_bookmarks.GetValueOrDefault(bookmarkId)));
        }
    }

    public Task<ResumeTarget?> FindTaskResumeTargetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Target(_bookmarks.Values.FirstOrDefault(b => b.TaskId == taskId && b.Kind == BookmarkKind.Task)));
        }
    }

    private ResumeTarget? Target(BookmarkRef? bookmark) => bookmark is null ? null : new ResumeTarget(bookmark, Load(bookmark.InstanceId));

    private WorkflowInstance? Load(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var row))
        {
            return null;
        }

        var instance = JsonSerializer.Deserialize(row.Json, EngineJson.Default.WorkflowInstance)!;
        instance.Revision = row.Revision;
        return instance;
    }

    public Task<IReadOnlyList<BookmarkRef>> FindSignalBookmarksAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<BookmarkRef> found = [.. _signalIndex.Where(kv => kv.Value == key).Select(kv => _bookmarks[kv.Key]).OrderBy(b => b.BookmarkId, StringComparer.Ordinal)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<BookmarkRef> due = [.. _bookmarks.Values.Where(b => b.Kind == BookmarkKind.Timer && b.DueAt <= dueBy).OrderBy(b => b.DueAt).ThenBy(b => b.BookmarkId, StringComparer.Ordinal).Take(max)];
            return Task.FromResult(due);
        }
    }

    public Task<IReadOnlyList<BookmarkRef>> ListOpenTimersAsync(string? afterBookmarkId, int max, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<BookmarkRef> page = [.. _bookmarks.Values
                .Where(b => b.Kind == BookmarkKind.Timer && (afterBookmarkId is null || string.CompareOrdinal(b.BookmarkId, afterBookmarkId) > 0))
                .OrderBy(b => b.BookmarkId, StringComparer.Ordinal).Take(max)];
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<string>> FindChildInstancesAsync(string parentBookmarkId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<string> ids = _childrenByParentBookmark.TryGetValue(parentBookmarkId, out var id) ? [id] : [];
            return Task.FromResult(ids);
        }
    }

    public Task CommitAsync(RunResult result, long expectedRevision, CancellationToken cancellationToken = default)
    {
        var instance = result.Instance;
        lock (_gate)
        {
            var current = _instances.TryGetValue(instance.Id, out var row) ? row.Revision : 0;
            if (current != expectedRevision)
            {
                throw new ConcurrencyConflictException(instance.Id, expectedRevision);
            }

            var revision = expectedRevision + 1;
            instance.Revision = revision;
            _instances[instance.Id] = (JsonSerializer.Serialize(instance, EngineJson.Default.WorkflowInstance), revision);
            foreach (var b in result.BookmarksRemoved)
            {
                _bookmarks.Remove(b.Id);
                _signalIndex.Remove(b.Id);
            }

            foreach (var b in result.BookmarksCreated)
            {
                if (instance.FindBookmark(b.Id) is null)
                {
                    continue; // created and consumed in the same advance
                }

                _bookmarks[b.Id] = new BookmarkRef(b.Id, b.InstanceId, b.Kind, b.DueAt, b.TaskId);
                if (b.Kind == BookmarkKind.Signal && b.Key is not null)
                {
                    _signalIndex[b.Id] = b.Key;
                }
            }

            foreach (var t in result.TasksCreated.Concat(result.TasksUpdated))
            {
                _tasks[t.Id] = t;
            }

            _journal.AddRange(result.Journal);
            _outbox.AddRange(result.Notifications);
            if (instance.ParentBookmarkId is { } parent && expectedRevision == 0)
            {
                _childrenByParentBookmark[parent] = instance.Id;
            }

            CommitCount++;
        }

        return Task.CompletedTask;
    }

    public IReadOnlyList<HumanTask> Tasks(string? instanceId = null)
    {
        lock (_gate)
        {
            return [.. _tasks.Values.Where(t => instanceId is null || t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<JournalEntry> Journal(string instanceId)
    {
        lock (_gate)
        {
            return [.. _journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Sequence)];
        }
    }

    public IReadOnlyList<Notification> Outbox()
    {
        lock (_gate)
        {
            return [.. _outbox];
        }
    }

    public IReadOnlyList<string> InstanceIds()
    {
        lock (_gate)
        {
            return [.. _instances.Keys];
        }
    }

    public int OpenBookmarkCount
    {
        get
        {
            lock (_gate)
            {
                return _bookmarks.Count;
            }
        }
    }
}
