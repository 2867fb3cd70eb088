using System.Globalization;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Versioning;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Instances;

/// <summary>
/// Migrating running instances between versions of a definition: a dry run reports per instance
/// what would happen; apply commits each instance in its own transaction (never restarting it) and
/// audits it. Administrators only.
/// </summary>
public static class MigrationEndpoints
{
    /// <summary>One request migrates at most this many instances; larger sets go in pages by instanceIds.</summary>
    public const int MaxInstances = 1000;

    public static RouteGroupBuilder MapMigrationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions/{key}/migrations").WithTags("Migrations").RequireAuthorization(Policies.Admin);
        group.MapPost("/dry-run", (string key, MigrationRequest request, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct) =>
            RunAsync(key, request, dryRun: true, engine, db, me, clock, ct));
        group.MapPost("/apply", (string key, MigrationRequest request, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken ct) =>
            RunAsync(key, request, dryRun: false, engine, db, me, clock, ct));
        return group;
    }

    private static async Task<Results<Ok<List<InstanceMigration>>, ProblemHttpResult>> RunAsync(string key, MigrationRequest request, bool dryRun, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var district = me.District;
        if (request.FromVersion <= 0)
        {
            return Problems.BadRequest("fromVersion must be a published version (1 or more).", "fromVersion");
        }

        if (request.ToVersion <= 0 || request.ToVersion == request.FromVersion)
        {
            return Problems.BadRequest("toVersion must be another published version (1 or more).", "toVersion");
        }

        foreach (var (field, version) in new[] { ("fromVersion", request.FromVersion), ("toVersion", request.ToVersion) })
        {
            if (!await db.Definitions.AnyAsync(d => d.District == district && d.Key == key && d.Version == version && d.Status != DefinitionStatus.Draft, cancellationToken))
            {
                return Problems.NotFound($"'{key}' has no version {version} in your district ({field}).");
            }
        }

        if (request.InstanceIds is { Count: > MaxInstances })
        {
            return Problems.BadRequest($"instanceIds may name at most {MaxInstances} instances per request.", "instanceIds");
        }

        var map = request.ActivityMap ?? [];
        List<string> ids;
        if (request.InstanceIds is { } given)
        {
            ids = [.. given.Distinct(StringComparer.Ordinal)];
        }
        else
        {
            var from = request.FromVersion;
            string[] live = [nameof(InstanceStatus.Running), nameof(InstanceStatus.Faulted)];
            ids = await db.Instances.AsNoTracking()
                .Where(i => i.DefinitionKey == key && i.DefinitionVersion == from && live.Contains(i.Status))
                .OrderBy(i => i.Id).Select(i => i.Id).Take(MaxInstances)
                .ToListAsync(cancellationToken);
        }

        var keys = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.DefinitionKey }).ToDictionaryAsync(i => i.Id, i => i.DefinitionKey, StringComparer.Ordinal, cancellationToken);
        var reports = new List<InstanceMigration>();
        foreach (var id in ids)
        {
            if (!keys.TryGetValue(id, out var instanceKey) || instanceKey != key)
            {
                reports.Add(new InstanceMigration(id, false, [], [$"No instance '{id}' of '{key}' in your district."]));
                continue;
            }

            var report = await engine.MigrateAsync(id, request.FromVersion, request.ToVersion, map, me.Id, dryRun, cancellationToken);
            reports.Add(report);
            if (report.Applied)
            {
                Audit.AuditTrail.Add(db, me, "instance.migrate", id, clock.GetUtcNow(),
                    string.Create(CultureInfo.InvariantCulture, $"{key} v{request.FromVersion} → v{request.ToVersion}") + (map.Count == 0 ? "" : "; " + string.Join(", ", map.Select(kv => $"{kv.Key}→{kv.Value}"))));
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return TypedResults.Ok(reports);
    }
}
