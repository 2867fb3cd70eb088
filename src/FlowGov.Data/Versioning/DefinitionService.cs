using System.Globalization;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Validation;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Versioning;

/// <summary>
/// Drafts and versions of definitions. A draft (version 0) is edited under an expected-revision
/// check; publishing compiles it, stamps version N with its content hash and change note, and the
/// published row is immutable from then on (the database refuses content updates). Retiring stops
/// new starts; rolling back republishes an old version's content as N+1. Every change is audited.
/// </summary>
public sealed class DefinitionService(FlowGovDatabase database, DistrictScope scope, DefinitionCompiler compiler, TimeProvider clock)
{
    public async Task<DraftInfo?> GetDraftAsync(string? district, string key, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(scope);
        var d = district ?? "";
        var row = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(x => x.District == d && x.Key == key && x.Version == 0, cancellationToken);
        return row is null ? null : new DraftInfo(DefinitionRows.ToDefinition(row), row.Revision, Lineage(row), await EditorAsync(db, row.Author, row.UpdatedAt, cancellationToken));
    }

    /// <summary>
    /// Saves a draft: <paramref name="expectedRevision"/> 0 creates it, otherwise it must be the
    /// revision last read. Returns the new revision; throws <see cref="StaleRevisionException"/> when
    /// someone saved in between.
    /// </summary>
    public async Task<long> SaveDraftAsync(WorkflowDefinition draft, long expectedRevision, AuditActor actor, DefinitionRef? forkedFrom = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        var district = CheckScope(draft.District);
        var now = clock.GetUtcNow();
        var json = DefinitionRows.ToJson(draft);
        await using var db = database.CreateContext(scope);
        if (expectedRevision == 0)
        {
            db.Definitions.Add(new DefinitionRow
            {
                Key = draft.Key,
                District = district,
                Version = 0,
                Status = DefinitionStatus.Draft,
                Name = draft.Name,
                ContentJson = json,
                Author = actor.User,
                CreatedAt = now,
                UpdatedAt = now,
                Revision = 1,
                ForkedFromKey = forkedFrom?.Key,
                ForkedFromVersion = forkedFrom?.Version,
            });
            Audit(db, district, actor, "definition.draft.create", draft.Key, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw await StaleAsync(district, draft.Key, expectedRevision, cancellationToken);
            }

            return 1;
        }

        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var updated = await db.Definitions
            .Where(x => x.District == district && x.Key == draft.Key && x.Version == 0 && x.Revision == expectedRevision)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.ContentJson, json)
                    .SetProperty(x => x.Name, draft.Name)
                    .SetProperty(x => x.Author, actor.User)
                    .SetProperty(x => x.UpdatedAt, now)
                    .SetProperty(x => x.Revision, expectedRevision + 1),
                cancellationToken);
        if (updated != 1)
        {
            throw await StaleAsync(district, draft.Key, expectedRevision, cancellationToken);
        }

        Audit(db, district, actor, "definition.draft.save", draft.Key, now);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return expectedRevision + 1;
    }

    /// <summary>
    /// Publishes the draft at <paramref name="expectedRevision"/> as the next version. Throws
    /// <see cref="DefinitionInvalidException"/> when it does not compile and
    /// <see cref="StaleRevisionException"/> when the draft moved on (or another publish won).
    /// </summary>
    public async Task<DefinitionVersionInfo> PublishAsync(string? district, string key, long expectedRevision, string changeNote, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var d = CheckScope(district);
        var now = clock.GetUtcNow();
        await using var db = database.CreateContext(scope);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var draft = await db.Definitions.FirstOrDefaultAsync(x => x.District == d && x.Key == key && x.Version == 0, cancellationToken)
            ?? throw new KeyNotFoundException($"There is no draft of '{key}' to publish.");
        if (draft.Revision != expectedRevision)
        {
            throw new StaleRevisionException(key, expectedRevision, draft.Revision, await EditorAsync(db, draft.Author, draft.UpdatedAt, cancellationToken));
        }

        var version = await NextVersionAsync(db, d, key, cancellationToken);
        var definition = DefinitionRows.ToDefinition(draft) with { Version = version };
        var report = new DefinitionValidator(compiler).Validate(definition);
        if (!report.Ok)
        {
            throw new DefinitionInvalidException(key, version, report.Problems);
        }

        var row = NewVersion(draft, definition, version, changeNote, actor, now);
        db.Definitions.Add(row);
        draft.Revision++; // a concurrency token: a concurrent save or publish makes this UPDATE match nothing
        draft.UpdatedAt = now;
        draft.Author = actor.User; // the draft row's author is whoever moved its revision last (a conflict names them)
        Audit(db, d, actor, "definition.publish", Subject(key, version), now, changeNote);
        await SaveAsync(db, key, expectedRevision, d, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Info(row);
    }

    /// <summary>Stops new starts of a version; running instances keep it.</summary>
    public async Task RetireAsync(string? district, string key, int version, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var d = CheckScope(district);
        var now = clock.GetUtcNow();
        await using var db = database.CreateContext(scope);
        var row = await db.Definitions.FirstOrDefaultAsync(x => x.District == d && x.Key == key && x.Version == version && version > 0, cancellationToken)
            ?? throw new KeyNotFoundException($"'{key}' has no version {version}.");
        if (row.Status == DefinitionStatus.Retired)
        {
            return;
        }

        row.Status = DefinitionStatus.Retired;
        row.RetiredAt = now;
        row.UpdatedAt = now;
        Audit(db, d, actor, "definition.retire", Subject(key, version), now);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Republishes the content of <paramref name="toVersion"/> as a new version N+1 (history is never rewritten).</summary>
    public async Task<DefinitionVersionInfo> RollbackAsync(string? district, string key, int toVersion, string changeNote, AuditActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var d = CheckScope(district);
        var now = clock.GetUtcNow();
        await using var db = database.CreateContext(scope);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var old = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(x => x.District == d && x.Key == key && x.Version == toVersion && toVersion > 0, cancellationToken)
            ?? throw new KeyNotFoundException($"'{key}' has no version {toVersion} to roll back to.");
        var version = await NextVersionAsync(db, d, key, cancellationToken);
        var definition = DefinitionRows.ToDefinition(old) with { Version = version };
        var note = string.Create(CultureInfo.InvariantCulture, $"rollback to v{toVersion}: {changeNote}");
        var row = NewVersion(old, definition, version, note, actor, now);
        db.Definitions.Add(row);
        Audit(db, d, actor, "definition.rollback", Subject(key, version), now, note);
        await SaveAsync(db, key, 0, d, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return Info(row);
    }

    public async Task<IReadOnlyList<DefinitionVersionInfo>> ListVersionsAsync(string? district, string key, CancellationToken cancellationToken = default)
    {
        var d = district ?? "";
        await using var db = database.CreateContext(scope);
        var rows = await db.Definitions.AsNoTracking()
            .Where(x => x.District == d && x.Key == key && x.Version > 0)
            .OrderBy(x => x.Version)
            .ToListAsync(cancellationToken);
        var authors = rows.Select(r => r.Author).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => authors.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. rows.Select(r => Info(r) with { AuthorName = r.Author is { } author ? names.GetValueOrDefault(author) : null })];
    }

    private string CheckScope(string? district)
    {
        var d = district ?? "";
        if (!scope.Allows(d))
        {
            throw new DistrictScopeViolationException($"Definitions of district '{d}' cannot be changed in the scope of {scope}.");
        }

        return d;
    }

    private static async Task<int> NextVersionAsync(FlowGovDbContext db, string district, string key, CancellationToken cancellationToken) =>
        (await db.Definitions.Where(x => x.District == district && x.Key == key).MaxAsync(x => (int?)x.Version, cancellationToken) ?? 0) + 1;

    private static DefinitionRow NewVersion(DefinitionRow source, WorkflowDefinition definition, int version, string changeNote, AuditActor actor, DateTimeOffset now) => new()
    {
        Key = source.Key,
        District = source.District,
        Version = version,
        Status = DefinitionStatus.Published,
        Name = definition.Name,
        ContentJson = DefinitionRows.ToJson(definition),
        ContentHash = DefinitionHasher.Hash(definition),
        Author = actor.User,
        ChangeNote = changeNote,
        CreatedAt = now,
        UpdatedAt = now,
        PublishedAt = now,
        ForkedFromKey = source.ForkedFromKey,
        ForkedFromVersion = source.ForkedFromVersion,
    };

    private async Task SaveAsync(FlowGovDbContext db, string key, long expectedRevision, string district, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent publish took the version number, or a concurrent save moved the draft.
            throw await StaleAsync(district, key, expectedRevision, cancellationToken);
        }
    }

    /// <summary>The conflict as the loser should see it: the draft's current revision and who saved it when.</summary>
    private async Task<StaleRevisionException> StaleAsync(string district, string key, long expectedRevision, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(scope);
        var current = await db.Definitions.AsNoTracking().Where(x => x.District == district && x.Key == key && x.Version == 0)
            .Select(x => new { x.Revision, x.Author, x.UpdatedAt }).FirstOrDefaultAsync(cancellationToken);
        return current is null
            ? new StaleRevisionException(key, expectedRevision, 0)
            : new StaleRevisionException(key, expectedRevision, current.Revision, await EditorAsync(db, current.Author, current.UpdatedAt, cancellationToken));
    }

    /// <summary>Who changed a draft last, with their display name as the caller's district sees accounts (null when not visible or gone).</summary>
    public static async Task<DraftEditor> EditorAsync(FlowGovDbContext db, string? userId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var name = userId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return new DraftEditor(userId, name, at);
    }

    private static void Audit(FlowGovDbContext db, string district, AuditActor actor, string action, string subject, DateTimeOffset at, string? data = null) =>
        db.AuditLog.Add(new AuditRow { District = district, Actor = actor.User, Action = action, Subject = subject, At = at, Source = actor.From, Data = data });

    private static string Subject(string key, int version) => string.Create(CultureInfo.InvariantCulture, $"{key}@{version}");

    private static DefinitionRef? Lineage(DefinitionRow row) =>
        row.ForkedFromKey is { } k && row.ForkedFromVersion is { } v ? new DefinitionRef(k, v) : null;

    private static DefinitionVersionInfo Info(DefinitionRow row) => new(
        row.Key, row.District.Length == 0 ? null : row.District, row.Version, row.Status, row.ContentHash ?? "", row.Author, row.ChangeNote, row.PublishedAt, row.RetiredAt, Lineage(row));
}
