using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Persistence;

/// <summary>
/// The engine's persistence port. Every advance of an instance is committed with
/// <see cref="CommitAsync"/> as one transaction: instance state plus the bookmark index, task
/// rows, journal and outbox it changed, guarded by the instance's revision.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>A published definition: the given version, or the latest published when null.</summary>
    Task<WorkflowDefinition?> FindDefinitionAsync(string? district, string key, int? version, CancellationToken cancellationToken = default);

    /// <summary>A fresh copy of the instance (never shared with another caller), or null.</summary>
    Task<WorkflowInstance?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The open bookmark with this id and its instance (a fresh copy, as <see cref="LoadInstanceAsync"/>), or null.</summary>
    Task<ResumeTarget?> FindResumeTargetAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>The open bookmark of a task and its instance, or null when the task is not open.</summary>
    Task<ResumeTarget?> FindTaskResumeTargetAsync(string taskId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookmarkRef>> FindSignalBookmarksAsync(string key, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Open timer bookmarks of every district in the store's scope, ordered by bookmark id, the page
    /// after <paramref name="afterBookmarkId"/> (null for the first page). The scheduler's start-up
    /// reconciliation walks them to re-create lost Quartz triggers.
    /// </summary>
    Task<IReadOnlyList<BookmarkRef>> ListOpenTimersAsync(string? afterBookmarkId, int max, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> FindChildInstancesAsync(string parentBookmarkId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits one advance atomically. <paramref name="expectedRevision"/> is the revision the
    /// instance was loaded at (0 for a new instance); if another writer committed since, throws
    /// <see cref="ConcurrencyConflictException"/> and writes nothing. On success the instance's
    /// revision is the new one.
    /// </summary>
    Task CommitAsync(RunResult result, long expectedRevision, CancellationToken cancellationToken = default);
}
