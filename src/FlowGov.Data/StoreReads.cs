using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data;

/// <summary>
/// The reads every transition makes — an instance's state, a bookmark by id or by task — by key,
/// without EF's query pipeline: compiled LINQ still built a query context, a relational command and
/// a shaper per call, about as much CPU as the rest of the read (ADR 0038). One set per model.
/// </summary>
internal sealed class StoreReads
{
    private static readonly string[] BookmarkColumns =
        [nameof(BookmarkRow.Id), nameof(BookmarkRow.InstanceId), nameof(BookmarkRow.Kind), nameof(BookmarkRow.DueAt), nameof(BookmarkRow.TaskId)];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, StoreReads> ByModel = [];

    private readonly RowRead<InstanceRow> _instanceState;
    private readonly RowRead<BookmarkRow> _bookmarkById;
    private readonly RowRead<TaskRow> _taskBookmarkId;

    private StoreReads(FlowGovDbContext db)
    {
        var model = db.Model;
        var sql = db.GetService<ISqlGenerationHelper>();
        _instanceState = new RowRead<InstanceRow>(model, sql, [nameof(InstanceRow.StateJson), nameof(InstanceRow.Revision)], [nameof(InstanceRow.Id)]);
        _bookmarkById = new RowRead<BookmarkRow>(model, sql, BookmarkColumns, [nameof(BookmarkRow.Id)]);
        _taskBookmarkId = new RowRead<TaskRow>(model, sql, [nameof(TaskRow.BookmarkId)], [nameof(TaskRow.Id)]);
    }

    private static StoreReads For(FlowGovDbContext db) => ByModel.GetValue(db.Model, _ => new StoreReads(db));

    public static async Task<InstanceState?> InstanceStateAsync(ReadSession session, DistrictScope scope, string id, CancellationToken cancellationToken) =>
        await For(session.Db)._instanceState.FirstAsync(session, scope, [id], cancellationToken).ConfigureAwait(false) is { } v
            ? new InstanceState((string)v[0]!, (long)v[1]!)
            : null;

    public static async Task<BookmarkRef?> BookmarkByIdAsync(ReadSession session, DistrictScope scope, string id, CancellationToken cancellationToken) =>
        Bookmark(await For(session.Db)._bookmarkById.FirstAsync(session, scope, [id], cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A task's open bookmark, through the task row's bookmark id: two primary-key seeks instead of an
    /// index on bookmarks.task_id, which every advance wrote two entries into (0010). A completed
    /// task's bookmark is gone, so it answers null as the index did.
    /// </summary>
    public static async Task<BookmarkRef?> TaskBookmarkAsync(ReadSession session, DistrictScope scope, string taskId, CancellationToken cancellationToken)
    {
        var reads = For(session.Db);
        if (await reads._taskBookmarkId.FirstAsync(session, scope, [taskId], cancellationToken).ConfigureAwait(false) is not [string bookmarkId])
        {
            return null;
        }

        var bookmark = Bookmark(await reads._bookmarkById.FirstAsync(session, scope, [bookmarkId], cancellationToken).ConfigureAwait(false));
        return bookmark is { Kind: BookmarkKind.Task } && bookmark.TaskId == taskId ? bookmark : null;
    }

    private static BookmarkRef? Bookmark(object?[]? v) =>
        v is null ? null : new BookmarkRef((string)v[0]!, (string)v[1]!, Enum.Parse<BookmarkKind>((string)v[2]!), (DateTimeOffset?)v[3], (string?)v[4]);
}

/// <summary>What loading an instance reads of its row.</summary>
internal sealed record InstanceState(string StateJson, long Revision);
