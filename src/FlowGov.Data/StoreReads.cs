using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data;

/// <summary>
/// The reads every transition makes — an instance's state, a bookmark (by id or by task) with its
/// instance's state (ADR 0047) — by key, without EF's query pipeline: compiled LINQ still built a
/// query context, a relational command and a shaper per call, about as much CPU as the rest of the
/// read (ADR 0038). One set per model.
/// </summary>
internal sealed class StoreReads
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, StoreReads> ByModel = [];

    private readonly RowRead _instanceState;
    private readonly RowRead _bookmarkTarget;
    private readonly RowRead _taskTarget;

    private StoreReads(FlowGovDbContext db)
    {
        var model = db.Model;
        var sql = db.GetService<ISqlGenerationHelper>();
        _instanceState = RowRead.Of<InstanceRow>(model, sql, [nameof(InstanceRow.StateJson), nameof(InstanceRow.Revision)], [nameof(InstanceRow.Id)]);

        // A resume reads its bookmark and its instance's state in one statement, by primary keys
        // (for a task through tasks.bookmark_id: an index on bookmarks.task_id cost every advance two
        // entries, 0010). The instance is LEFT JOINed so that a bookmark whose instance row is gone
        // still answers, and the engine reports the instance missing rather than the bookmark done.
        var t = ModelTable.Of<TaskRow>(model, sql).As("t");
        var b = ModelTable.Of<BookmarkRow>(model, sql).As("b");
        var i = ModelTable.Of<InstanceRow>(model, sql).As("i");
        MappedColumn[] select =
        [
            b.Column(nameof(BookmarkRow.Id)), b.Column(nameof(BookmarkRow.InstanceId)), b.Column(nameof(BookmarkRow.Kind)),
            b.Column(nameof(BookmarkRow.DueAt)), b.Column(nameof(BookmarkRow.TaskId)),
            i.Column(nameof(InstanceRow.StateJson)), i.Column(nameof(InstanceRow.Revision)),
        ];
        var instance = " LEFT JOIN " + i.Source + " ON " + Same(i, nameof(InstanceRow.Id), b, nameof(BookmarkRow.InstanceId)) + " AND " + SameDistrict(i, b);
        _bookmarkTarget = RowRead.Over(b.Source + instance, select, [b.Column(nameof(BookmarkRow.Id))], b.Column(nameof(BookmarkRow.District)));
        _taskTarget = RowRead.Over(
            t.Source + " JOIN " + b.Source + " ON " + Same(b, nameof(BookmarkRow.Id), t, nameof(TaskRow.BookmarkId)) + " AND " + SameDistrict(b, t) + instance,
            select,
            [t.Column(nameof(TaskRow.Id))],
            t.Column(nameof(TaskRow.District)));
    }

    private static string Same(ModelTable x, string xProperty, ModelTable y, string yProperty) => x.Column(xProperty).Name + " = " + y.Column(yProperty).Name;

    private static string SameDistrict(ModelTable x, ModelTable y) => Same(x, nameof(IDistrictOwned.District), y, nameof(IDistrictOwned.District));

    private static StoreReads For(FlowGovDbContext db) => ByModel.GetValue(db.Model, _ => new StoreReads(db));

    public static async Task<InstanceState?> InstanceStateAsync(ReadSession session, DistrictScope scope, string id, CancellationToken cancellationToken) =>
        await For(session.Db)._instanceState.FirstAsync(session, scope, [id], cancellationToken).ConfigureAwait(false) is { } v
            ? new InstanceState((string)v[0]!, (long)v[1]!)
            : null;

    /// <summary>An open bookmark by id, with its instance's state.</summary>
    public static async Task<BookmarkTarget?> BookmarkTargetAsync(ReadSession session, DistrictScope scope, string bookmarkId, CancellationToken cancellationToken) =>
        Target(await For(session.Db)._bookmarkTarget.FirstAsync(session, scope, [bookmarkId], cancellationToken).ConfigureAwait(false));

    /// <summary>A task's open bookmark, with its instance's state. A completed task's bookmark is gone, so it answers null.</summary>
    public static async Task<BookmarkTarget?> TaskTargetAsync(ReadSession session, DistrictScope scope, string taskId, CancellationToken cancellationToken) =>
        Target(await For(session.Db)._taskTarget.FirstAsync(session, scope, [taskId], cancellationToken).ConfigureAwait(false)) is { } target
        && target.Bookmark is { Kind: BookmarkKind.Task } && target.Bookmark.TaskId == taskId
            ? target
            : null;

    private static BookmarkTarget? Target(object?[]? v) =>
        v is null
            ? null
            : new BookmarkTarget(
                new BookmarkRef((string)v[0]!, (string)v[1]!, Enum.Parse<BookmarkKind>((string)v[2]!), (DateTimeOffset?)v[3], (string?)v[4]),
                v[5] is string state ? new InstanceState(state, (long)v[6]!) : null);
}

/// <summary>A bookmark and what a resume reads of its instance's row (null if the row is gone).</summary>
internal sealed record BookmarkTarget(BookmarkRef Bookmark, InstanceState? Instance);

/// <summary>What loading an instance reads of its row.</summary>
internal sealed record InstanceState(string StateJson, long Revision);
