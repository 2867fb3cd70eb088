using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// The store's per-transition reads, compiled once: translating the LINQ of a query on every call
/// (parameter extraction and the query-cache lookup) was a measurable part of a task transition's CPU.
/// A compiled query keeps the executor of one model and recompiles when used with another, so
/// <see cref="FlowGovDatabase"/> holds one set per model kind (district-scoped, all districts); the
/// district filter still applies and is read from the context on every call.
/// </summary>
internal sealed class StoreQueries
{
    private static readonly string TaskKind = nameof(BookmarkKind.Task);

    public Func<FlowGovDbContext, string, CancellationToken, Task<InstanceState?>> InstanceState { get; } = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string id, CancellationToken cancellationToken) => db.Instances.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new InstanceState(i.StateJson, i.Revision))
            .FirstOrDefault());

    public Func<FlowGovDbContext, string, CancellationToken, Task<BookmarkRow?>> BookmarkById { get; } = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string id, CancellationToken cancellationToken) => db.Bookmarks.AsNoTracking().FirstOrDefault(b => b.Id == id));

    public Func<FlowGovDbContext, string, CancellationToken, Task<BookmarkRow?>> TaskBookmark { get; } = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string taskId, CancellationToken cancellationToken) => db.Bookmarks.AsNoTracking().FirstOrDefault(b => b.TaskId == taskId && b.Kind == TaskKind));
}

/// <summary>What loading an instance reads of its row.</summary>
internal sealed record InstanceState(string StateJson, long Revision);
