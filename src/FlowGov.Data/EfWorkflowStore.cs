using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data.Commits;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// The engine's persistence port on EF Core (SQLite or PostgreSQL). Each call is its own short unit
/// of work in the store's <see cref="DistrictScope"/>; <see cref="CommitAsync"/> writes an advance
/// in one transaction guarded by the instance revision. Thread-safe.
/// </summary>
public sealed class EfWorkflowStore(FlowGovDatabase database, DistrictScope scope) : IWorkflowStore
{
    // The indexed columns of each instance object as this process last loaded or committed it. An
    // advance whose instance still has them (most do: only a start, an end or a migration changes
    // them) writes its row without SETting them, which would rewrite their index entries even with
    // the same values. Safe because the revision guard proves the row is the one these came from.
    private static readonly ConditionalWeakTable<WorkflowInstance, IndexedColumns> LoadedIndexedColumns = [];

    public DistrictScope Scope => scope;

    public FlowGovDatabase Database => database;

    public async Task<WorkflowDefinition?> FindDefinitionAsync(string? district, string key, int? version, CancellationToken cancellationToken = default)
    {
        // A published version never changes (the definitions_published_immutable trigger; retiring
        // keeps it loadable), so a lookup by explicit version — every resume — is read once per
        // database. The cache is shared by every store (the server makes one per request), so it
        // answers only for a district this store's scope may see.
        if (version is { } pinned && (district is null ? scope.IsAllDistricts : scope.Allows(district))
            && database.PublishedVersions.TryGetValue((district, key, pinned), out var cached))
        {
            return cached;
        }

        await using var db = database.CreateContext(scope);
        var query = db.Definitions.AsNoTracking().Where(d => d.Key == key);
        query = version is { } v
            ? query.Where(d => d.Version == v && (d.Status == DefinitionStatus.Published || d.Status == DefinitionStatus.Retired))
            : query.Where(d => d.Status == DefinitionStatus.Published);
        if (district is not null)
        {
            query = query.Where(d => d.District == district || d.District == "");
        }

        var wanted = district ?? "";

        // The district's own row first, by the (district, key, version) index: one row read however
        // many versions exist. Ordering by "district == wanted" instead sorted every published
        // version (content included), so starts slowed down as versions accumulated.
        var row = await query.Where(d => d.District == wanted).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken)
            ?? await query.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var definition = DefinitionRows.ToDefinition(row);
        // Only the district's own row: a city-wide ("") row could later be shadowed by a district row of that version.
        if (version is { } v2 && row.District == wanted)
        {
            database.PublishedVersions.TryAdd((district, key, v2), definition);
        }

        return definition;
    }

    public async Task<WorkflowInstance?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var row = await database.Reads.ReadAsync(s => StoreReads.InstanceStateAsync(s, scope, instanceId, cancellationToken), cancellationToken);
        return row is null ? null : Materialize(row);
    }

    public async Task<ResumeTarget?> FindResumeTargetAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        Target(await database.Reads.ReadAsync(s => StoreReads.BookmarkTargetAsync(s, scope, bookmarkId, cancellationToken), cancellationToken));

    public async Task<ResumeTarget?> FindTaskResumeTargetAsync(string taskId, CancellationToken cancellationToken = default) =>
        Target(await database.Reads.ReadAsync(s => StoreReads.TaskTargetAsync(s, scope, taskId, cancellationToken), cancellationToken));

    private static ResumeTarget? Target(BookmarkTarget? read) =>
        read is null ? null : new ResumeTarget(read.Bookmark, read.Instance is { } state ? Materialize(state) : null);

    private static WorkflowInstance Materialize(InstanceState row)
    {
        var instance = JsonSerializer.Deserialize(row.StateJson, EngineJson.Default.WorkflowInstance)!;
        instance.Revision = row.Revision;
        LoadedIndexedColumns.AddOrUpdate(instance, IndexedColumns.Of(instance));
        return instance;
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindSignalBookmarksAsync(string key, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var kind = nameof(BookmarkKind.Signal);
        var rows = await db.Bookmarks.AsNoTracking().Where(b => b.Key == key && b.Kind == kind).OrderBy(b => b.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRef)];
    }

    public async Task<IReadOnlyList<BookmarkRef>> FindDueTimersAsync(DateTimeOffset dueBy, int max, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var kind = nameof(BookmarkKind.Timer);
        var rows = await db.Bookmarks.AsNoTracking()
            .Where(b => b.DueAt <= dueBy && b.Kind == kind)
            .OrderBy(b => b.DueAt).ThenBy(b => b.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRef)];
    }

    public async Task<IReadOnlyList<BookmarkRef>> ListOpenTimersAsync(string? afterBookmarkId, int max, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var kind = nameof(BookmarkKind.Timer);
        var query = db.Bookmarks.AsNoTracking().Where(b => b.Kind == kind);
        if (afterBookmarkId is not null)
        {
            // Translated to SQL '>' (the database's collation, the same one ORDER BY uses), never run in .NET.
            query = query.Where(b => b.Id.CompareTo(afterBookmarkId) > 0);
        }

        var rows = await query.OrderBy(b => b.Id).Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(ToRef)];
    }

    public async Task<IReadOnlyList<string>> FindChildInstancesAsync(string parentBookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        return await db.Instances.AsNoTracking().Where(i => i.ParentBookmarkId == parentBookmarkId).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task CommitAsync(RunResult result, long expectedRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        var instance = result.Instance;
        var district = instance.District ?? "";
        if (!scope.Allows(district))
        {
            throw new DistrictScopeViolationException($"Instance {instance.Id} of district '{district}' cannot be committed in the scope of {scope}.");
        }

        var revision = expectedRevision + 1;
        instance.Revision = revision;
        try
        {
            var json = JsonSerializer.Serialize(instance, EngineJson.Default.WorkflowInstance);
            var indexed = IndexedColumns.Of(instance);
            var keepsIndexed = expectedRevision > 0 && LoadedIndexedColumns.TryGetValue(instance, out var loaded) && loaded == indexed;
            var writes = CommitWriter.Plan(result, expectedRevision, district, json, keepsIndexed, database.Statements, convert: database.Options.Provider == StoreProvider.Sqlite);
            var pending = new PendingCommit(result, expectedRevision, writes, cancellationToken);
            if (database.GroupCommits is { } queue)
            {
                await queue.CommitAsync(pending);
            }
            else
            {
                await WriteAloneAsync(database, pending, cancellationToken);
            }

            LoadedIndexedColumns.AddOrUpdate(instance, indexed);
        }
        catch
        {
            instance.Revision = expectedRevision;
            throw;
        }
    }

    /// <summary>One advance in its own transaction (no group commit, or a member retried alone).</summary>
    internal static async Task WriteAloneAsync(FlowGovDatabase database, PendingCommit commit, CancellationToken cancellationToken)
    {
        try
        {
            var write = await database.WriteSessions.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (write.ConfigureAwait(false))
            {
                await CommitWriter.WriteAsync(write.Session, commit, cancellationToken).ConfigureAwait(false);
                await write.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException && commit.ExpectedRevision == 0)
        {
            var id = commit.Result.Instance.Id;
            if (await InstanceExistsAsync(database, id, cancellationToken).ConfigureAwait(false))
            {
                throw new ConcurrencyConflictException(id, 0);
            }

            throw new InvalidOperationException($"Committing new instance {id} failed: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    private static async Task<bool> InstanceExistsAsync(FlowGovDatabase database, string instanceId, CancellationToken cancellationToken)
    {
        // Ignores the scope on purpose: an id taken in another district is still taken.
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken);
    }

    private sealed record IndexedColumns(InstanceStatus Status, int DefinitionVersion, DateTimeOffset? CompletedAt)
    {
        public static IndexedColumns Of(WorkflowInstance instance) => new(instance.Status, instance.DefinitionVersion, instance.CompletedAt);
    }

    private static BookmarkRef ToRef(BookmarkRow row) =>
        new(row.Id, row.InstanceId, Enum.Parse<BookmarkKind>(row.Kind), row.DueAt, row.TaskId);
}
