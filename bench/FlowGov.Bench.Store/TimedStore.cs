using System.Collections.Concurrent;
using System.Diagnostics;
using FlowGov.Core.Definitions;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;

namespace FlowGov.Bench.Store;

/// <summary>Diagnostic (<c>--breakdown</c>): time spent in each store call, to see where a transition goes.</summary>
internal sealed class TimedStore(IWorkflowStore inner) : IWorkflowStore
{
    public ConcurrentDictionary<string, (long Calls, double Ms)> Totals { get; } = new();

    public Task<WorkflowDefinition?> FindDefinitionAsync(string? district, string key, int? version, CancellationToken cancellationToken = default) =>
        T(nameof(FindDefinitionAsync), () => inner.FindDefinitionAsync(district, key, version, cancellationToken));

    public Task<WorkflowInstance?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        T(nameof(LoadInstanceAsync), () => inner.LoadInstanceAsync(instanceId, cancellationToken));

    public Task<ResumeTarget?> FindResumeTargetAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        T(nameof(FindResumeTargetAsync), () => inner.FindResumeTargetAsync(bookmarkId, cancellationToken));

    public Task<ResumeTarget?> FindTaskResumeTargetAsync(string taskId, CancellationToken cancellationToken = default) =>
        T(nameof(FindTaskResumeTargetAsync), () => inner.FindTaskResumeTargetAsync(taskId, cancellationToken));

    public Task<IReadOnlyList<BookmarkRef>> FindSignalBookmarksAsync(string key, CancellationToken cancellationToken = default) =>
        T(nameof(FindSignalBookmarksAsync), () => inner.FindSignalBookmarksAsync(key, cancellationToken));

    public Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default) =>
        T(nameof(FindDueTimersAsync), () => inner.FindDueTimersAsync(dueBy, max, cancellationToken));

    public Task<IReadOnlyList<string>> FindChildInstancesAsync(string parentBookmarkId, CancellationToken cancellationToken = default) =>
        T(nameof(FindChildInstancesAsync), () => inner.FindChildInstancesAsync(parentBookmarkId, cancellationToken));

    public Task<IReadOnlyList<BookmarkRef>> ListOpenTimersAsync(string? afterBookmarkId, int max, CancellationToken cancellationToken = default) =>
        T(nameof(ListOpenTimersAsync), () => inner.ListOpenTimersAsync(afterBookmarkId, max, cancellationToken));

    public Task CommitAsync(RunResult result, long expectedRevision, CancellationToken cancellationToken = default) =>
        T(nameof(CommitAsync), async () => { await inner.CommitAsync(result, expectedRevision, cancellationToken); return 0; });

    private async Task<TResult> T<TResult>(string name, Func<Task<TResult>> op)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await op();
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            Totals.AddOrUpdate(name, (1, ms), (_, t) => (t.Calls + 1, t.Ms + ms));
        }
    }
}
