using System.Collections.Concurrent;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
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
    // A published version never changes (the definitions_published_immutable trigger; retiring
    // keeps it loadable), so a lookup by explicit version — every resume — is cached per store.
    private readonly ConcurrentDictionary<(string?, string, int), WorkflowDefinition> _versions = new();

    public DistrictScope Scope => scope;

    public FlowGovDatabase Database => database;

    public async Task<WorkflowDefinition?> FindDefinitionAsync(string? district, string key, int? version, CancellationToken cancellationToken = default)
    {
        if (version is { } pinned && _versions.TryGetValue((district, key, pinned), out var cached))
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
            _versions.TryAdd((district, key, v2), definition);
        }

        return definition;
    }

    public async Task<WorkflowInstance?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var row = await db.Instances.AsNoTracking()
            .Where(i => i.Id == instanceId)
            .Select(i => new { i.StateJson, i.Revision })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var instance = JsonSerializer.Deserialize(row.StateJson, EngineJson.Default.WorkflowInstance)!;
        instance.Revision = row.Revision;
        return instance;
    }

    public async Task<BookmarkRef?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var row = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
        return row is null ? null : ToRef(row);
    }

    public async Task<BookmarkRef?> FindBookmarkByTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var kind = nameof(BookmarkKind.Task);
        var row = await db.Bookmarks.AsNoTracking().FirstOrDefaultAsync(b => b.TaskId == taskId && b.Kind == kind, cancellationToken);
        return row is null ? null : ToRef(row);
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
        string json;
        try
        {
            json = JsonSerializer.Serialize(instance, EngineJson.Default.WorkflowInstance);
        }
        catch
        {
            instance.Revision = expectedRevision;
            throw;
        }

        await using var db = database.CreateContext(scope);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var status = instance.Status.ToString();
            if (expectedRevision == 0)
            {
                db.Instances.Add(new InstanceRow
                {
                    Id = instance.Id,
                    District = district,
                    DefinitionKey = instance.DefinitionKey,
                    DefinitionVersion = instance.DefinitionVersion,
                    Status = status,
                    BusinessKey = instance.BusinessKey,
                    StartedBy = instance.StartedBy,
                    ParentInstanceId = instance.ParentInstanceId,
                    ParentBookmarkId = instance.ParentBookmarkId,
                    CreatedAt = instance.CreatedAt,
                    UpdatedAt = instance.UpdatedAt,
                    CompletedAt = instance.CompletedAt,
                    StateJson = json,
                    Revision = revision,
                });
            }
            else
            {
                // The guard: only the writer that loaded the current revision may move it on. On
                // PostgreSQL a concurrent writer blocks on the row lock, then re-checks the WHERE and
                // matches nothing; on SQLite writers are serialised by the database lock.
                var updated = await db.Instances
                    .Where(i => i.Id == instance.Id && i.Revision == expectedRevision)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(i => i.Status, status)
                            .SetProperty(i => i.DefinitionVersion, instance.DefinitionVersion)
                            .SetProperty(i => i.UpdatedAt, instance.UpdatedAt)
                            .SetProperty(i => i.CompletedAt, instance.CompletedAt)
                            .SetProperty(i => i.StateJson, json)
                            .SetProperty(i => i.Revision, revision),
                        cancellationToken);
                if (updated != 1)
                {
                    throw new ConcurrencyConflictException(instance.Id, expectedRevision);
                }
            }

            var removed = result.BookmarksRemoved.Select(b => b.Id).Distinct(StringComparer.Ordinal).ToList();
            if (removed.Count > 0)
            {
                await db.Bookmarks.Where(b => removed.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
            }

            // A migration re-points open bookmarks at another activity; ids and due times stay (timers keep their schedule).
            foreach (var b in result.BookmarksMoved)
            {
                var activityId = b.ActivityId;
                await db.Bookmarks.Where(r => r.Id == b.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ActivityId, activityId), cancellationToken);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var b in result.BookmarksCreated)
            {
                if (instance.FindBookmark(b.Id) is null || !seen.Add(b.Id))
                {
                    continue; // created and consumed in the same advance
                }

                db.Bookmarks.Add(new BookmarkRow
                {
                    Id = b.Id,
                    InstanceId = b.InstanceId,
                    District = district,
                    ActivityId = b.ActivityId,
                    Kind = b.Kind.ToString(),
                    Key = b.Key,
                    DueAt = b.DueAt,
                    TaskId = b.TaskId,
                    CreatedAt = b.CreatedAt,
                });
            }

            await UpsertTasksAsync(db, result, district, cancellationToken);

            foreach (var j in result.Journal)
            {
                db.Journal.Add(new JournalRow
                {
                    InstanceId = j.InstanceId,
                    Sequence = j.Sequence,
                    District = district,
                    Kind = j.Kind.ToString(),
                    ActivityId = j.ActivityId,
                    ActivityType = j.ActivityType,
                    Port = j.Port,
                    TokenId = j.TokenId,
                    Actor = j.Actor,
                    At = j.At,
                    Data = j.Data,
                    Message = j.Message,
                });
            }

            foreach (var i in result.IncidentsRaised)
            {
                db.Incidents.Add(new IncidentRow
                {
                    Id = i.Id,
                    InstanceId = instance.Id,
                    District = district,
                    ActivityId = i.ActivityId,
                    TokenId = i.TokenId,
                    Message = i.Message,
                    Property = i.Property,
                    Line = i.Line,
                    Column = i.Column,
                    At = i.At,
                    Resolved = i.Resolved,
                    ResolvedAt = i.ResolvedAt,
                });
            }

            var resolved = instance.Incidents.Where(i => i.Resolved).Select(i => i.Id).Except(result.IncidentsRaised.Select(i => i.Id)).ToList();
            if (resolved.Count > 0)
            {
                var at = instance.UpdatedAt;
                await db.Incidents.Where(i => resolved.Contains(i.Id) && !i.Resolved)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.Resolved, true).SetProperty(i => i.ResolvedAt, at), cancellationToken);
            }

            foreach (var n in result.Notifications)
            {
                db.Outbox.Add(new OutboxRow
                {
                    Id = n.Id,
                    InstanceId = n.InstanceId,
                    District = district,
                    ActivityId = n.ActivityId,
                    Channel = n.Channel,
                    Users = Lists.Join(n.Users),
                    Roles = Lists.Join(n.Roles),
                    Unit = n.Unit,
                    Title = n.Title,
                    Body = n.Body,
                    Url = n.Url,
                    At = n.At,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (expectedRevision == 0)
        {
            instance.Revision = expectedRevision;
            if (await InstanceExistsAsync(instance.Id, cancellationToken))
            {
                throw new ConcurrencyConflictException(instance.Id, expectedRevision);
            }

            throw new InvalidOperationException($"Committing new instance {instance.Id} failed: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
        catch
        {
            instance.Revision = expectedRevision;
            throw;
        }
    }

    private static async Task UpsertTasksAsync(FlowGovDbContext db, RunResult result, string district, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, HumanTask>(StringComparer.Ordinal);
        foreach (var t in result.TasksCreated.Concat(result.TasksUpdated))
        {
            latest[t.Id] = t;
        }

        if (latest.Count == 0)
        {
            return;
        }

        var ids = latest.Keys.ToList();
        var existing = await db.Tasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, StringComparer.Ordinal, cancellationToken);
        foreach (var t in latest.Values)
        {
            if (!existing.TryGetValue(t.Id, out var row))
            {
                row = new TaskRow
                {
                    Id = t.Id,
                    InstanceId = t.InstanceId,
                    District = district,
                    ActivityId = t.ActivityId,
                    BookmarkId = t.BookmarkId,
                    DefinitionKey = t.DefinitionKey,
                    DefinitionVersion = t.DefinitionVersion,
                    FormKey = t.FormKey,
                    Title = t.Title,
                    CandidateRoles = "",
                    Outcomes = Lists.Join(t.Outcomes),
                    Status = "",
                    DeadlineState = "",
                    Priority = t.Priority,
                    CreatedAt = t.CreatedAt,
                    ItemJson = t.Item?.GetRawText(),
                    ItemIndex = t.ItemIndex,
                };
                db.Tasks.Add(row);
            }

            // Migration moves an open task to the target version's activity and form.
            row.ActivityId = t.ActivityId;
            row.DefinitionVersion = t.DefinitionVersion;
            row.FormKey = t.FormKey;
            row.Title = t.Title;
            row.Assignee = t.Assignee;
            row.CandidateRoles = Lists.Join(t.CandidateRoles);
            row.CandidateUnit = t.CandidateUnit;
            row.Status = t.Status.ToString();
            row.DeadlineState = t.DeadlineState.ToString();
            row.WarnAt = t.WarnAt;
            row.DueAt = t.DueAt;
            row.CompletedAt = t.CompletedAt;
            row.Outcome = t.Outcome;
            row.CompletedBy = t.CompletedBy;
        }
    }

    private async Task<bool> InstanceExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        // Ignores the scope on purpose: an id taken in another district is still taken.
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await db.Instances.AnyAsync(i => i.Id == instanceId, cancellationToken);
    }

    private static BookmarkRef ToRef(BookmarkRow row) =>
        new(row.Id, row.InstanceId, Enum.Parse<BookmarkKind>(row.Kind), row.DueAt, row.TaskId);
}
