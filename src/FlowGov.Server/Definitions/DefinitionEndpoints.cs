using FlowGov.Scheduling.Recurring;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;
using FlowGov.Core.Validation;
using FlowGov.Core.Versioning;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Definitions;

/// <summary>Process definitions of the district: drafts with revision checks, validation, publishing, versions, diff, rollback, retire, export and import.</summary>
public static class DefinitionEndpoints
{
    public static RouteGroupBuilder MapDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Definitions");
        group.MapGet("/", ListAsync);
        group.MapPost("/validate", Validate).RequireAuthorization(Policies.Designer);
        group.MapGet("/export", ExportAllAsync);
        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.Designer);
        group.MapGet("/{key}/draft", GetDraftAsync).RequireAuthorization(Policies.Designer);
        group.MapPut("/{key}/draft", SaveDraftAsync).RequireAuthorization(Policies.Designer);
        group.MapDelete("/{key}/draft", DeleteDraftAsync).RequireAuthorization(Policies.Designer);
        group.MapPost("/{key}/publish", PublishAsync).RequireAuthorization(Policies.Designer);
        group.MapGet("/{key}/versions", VersionsAsync);
        group.MapGet("/{key}/versions/{version:int}", GetVersionAsync);
        group.MapPost("/{key}/versions/{version:int}/retire", RetireAsync).RequireAuthorization(Policies.Designer);
        group.MapPost("/{key}/rollback", RollbackAsync).RequireAuthorization(Policies.Designer);
        group.MapGet("/{key}/diff", DiffAsync);
        group.MapGet("/{key}/export", ExportAsync);
        return group;
    }

    private static async Task<Ok<List<DefinitionSummary>>> ListAsync(FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Definitions.AsNoTracking()
            .Select(d => new { d.Key, d.District, d.Version, d.Status, d.Name, d.Revision, d.UpdatedAt, d.Author })
            .ToListAsync(cancellationToken);
        var list = rows.GroupBy(r => (r.Key, r.District)).Select(g =>
        {
            var latest = g.Where(r => r.Version > 0).MaxBy(r => r.Version);
            var draft = g.FirstOrDefault(r => r.Version == 0);
            var named = latest ?? draft!;
            var lastChanged = g.MaxBy(r => r.UpdatedAt)!;
            return new DefinitionSummary(g.Key.Key, named.Name, g.Key.District.Length == 0, latest?.Version, latest?.Status.ToString().ToLowerInvariant(), draft?.Revision, lastChanged.UpdatedAt, lastChanged.Author);
        }).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(list);
    }

    private static Ok<ValidationResponse> Validate(ValidateRequest request, DefinitionValidator validator)
    {
        var definition = Parse(request.Definition);
        var report = validator.Validate(definition);
        return TypedResults.Ok(new ValidationResponse(report.Ok, report.Problems));
    }

    private static async Task<Results<Ok<DraftResponse>, ProblemHttpResult>> GetDraftAsync(string key, DefinitionService service, CurrentUser me, CancellationToken cancellationToken)
    {
        var draft = await service.GetDraftAsync(me.District, key, cancellationToken);
        return draft is null
            ? Problems.NotFound($"'{key}' has no draft in your district.")
            : TypedResults.Ok(new DraftResponse(key, draft.Revision, ToJson(draft.Definition), draft.ForkedFrom, draft.LastChange.UserId, draft.LastChange.DisplayName, draft.LastChange.At));
    }

    private static async Task<Results<Ok<RevisionResponse>, ProblemHttpResult>> SaveDraftAsync(string key, SaveDraftRequest request, DefinitionService service, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        if (!Slug.IsValid(key))
        {
            return Problems.BadRequest($"The key '{key}' must be lower-case letters, digits and hyphens, starting with a letter.", "key");
        }

        if (request.Revision < 0)
        {
            return Problems.BadRequest("revision must be 0 (create) or the revision last read.", "revision");
        }

        var definition = Parse(request.Definition);
        if (definition.Key != key)
        {
            return Problems.BadRequest($"The definition's key '{definition.Key}' differs from the URL's '{key}'.", "definition.key");
        }

        if (request.Revision > 0 && await service.GetDraftAsync(me.District, key, cancellationToken) is null)
        {
            return Problems.NotFound($"'{key}' has no draft in your district; save with revision 0 to create it.");
        }

        // A city template of the same key may be forked; a draft of another district is invisible anyway.
        DefinitionRef? forkedFrom = null;
        if (request.Revision == 0)
        {
            var template = await db.Definitions.AsNoTracking().Where(d => d.Key == key && d.District == "" && d.Version > 0)
                .OrderByDescending(d => d.Version).Select(d => (int?)d.Version).FirstOrDefaultAsync(cancellationToken);
            forkedFrom = template is { } v ? new DefinitionRef(key, v) : null;
        }

        var revision = await service.SaveDraftAsync(definition with { District = me.District, Version = 0, ContentHash = null }, request.Revision, Actor(me), forkedFrom, cancellationToken);
        return TypedResults.Ok(new RevisionResponse(key, revision));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteDraftAsync(string key, long revision, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var district = me.District;
        var row = await db.Definitions.FirstOrDefaultAsync(d => d.District == district && d.Key == key && d.Version == 0, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"'{key}' has no draft in your district.");
        }

        if (row.Revision != revision)
        {
            throw new StaleRevisionException(key, revision, row.Revision, await DefinitionService.EditorAsync(db, row.Author, row.UpdatedAt, cancellationToken));
        }

        if (await db.Definitions.AnyAsync(d => d.District == district && d.Key == key && d.Version > 0, cancellationToken))
        {
            return Problems.Conflict($"'{key}' has published versions; its draft row carries the revision history and is kept. Save the draft instead.");
        }

        db.Definitions.Remove(row);
        Audit.AuditTrail.Add(db, me, "definition.draft.delete", key, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DefinitionVersionInfo>, ProblemHttpResult>> PublishAsync(string key, PublishRequest request, DefinitionService service, CurrentUser me, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return Problems.BadRequest("note is required: say what changed in this version.", "note");
        }

        var published = await service.PublishAsync(me.District, key, request.Revision, request.Note, Actor(me), cancellationToken);
        await SyncTriggersAsync(services, me.District, key, cancellationToken);
        return TypedResults.Ok(published);
    }

    /// <summary>Recurring starts follow the latest published version: moved on publish and rollback, removed on retire.</summary>
    private static async Task SyncTriggersAsync(IServiceProvider services, string district, string key, CancellationToken cancellationToken)
    {
        if (services.GetService<TriggerSync>() is { } sync)
        {
            await sync.SyncDefinitionAsync(district, key, cancellationToken);
        }
    }

    private static async Task<Results<Ok<IReadOnlyList<DefinitionVersionInfo>>, ProblemHttpResult>> VersionsAsync(string key, DefinitionService service, CurrentUser me, CancellationToken cancellationToken)
    {
        var versions = await service.ListVersionsAsync(me.District, key, cancellationToken);
        if (versions.Count == 0)
        {
            versions = await service.ListVersionsAsync(null, key, cancellationToken);
        }

        return versions.Count == 0 ? Problems.NotFound($"'{key}' has no published version in your district.") : TypedResults.Ok(versions);
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetVersionAsync(string key, int version, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var definition = await LoadAsync(db, me.District, key, version, cancellationToken);
        return definition is null ? Problems.NotFound($"'{key}' has no version {version} in your district.") : TypedResults.Ok(ToJson(definition));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetireAsync(string key, int version, DefinitionService service, CurrentUser me, IServiceProvider services, CancellationToken cancellationToken)
    {
        await service.RetireAsync(me.District, key, version, Actor(me), cancellationToken);
        await SyncTriggersAsync(services, me.District, key, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DefinitionVersionInfo>, ProblemHttpResult>> RollbackAsync(string key, RollbackRequest request, DefinitionService service, CurrentUser me, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Note))
        {
            return Problems.BadRequest("note is required: say why you roll back.", "note");
        }

        var rolledBack = await service.RollbackAsync(me.District, key, request.ToVersion, request.Note, Actor(me), cancellationToken);
        await SyncTriggersAsync(services, me.District, key, cancellationToken);
        return TypedResults.Ok(rolledBack);
    }

    private static async Task<Results<Ok<DefinitionDiff>, ContentHttpResult, ProblemHttpResult>> DiffAsync(string key, int from, int to, string? format, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var a = await LoadAsync(db, me.District, key, from, cancellationToken);
        if (a is null)
        {
            return Problems.NotFound($"'{key}' has no {(from == 0 ? "draft" : $"version {from}")} in your district.");
        }

        var b = await LoadAsync(db, me.District, key, to, cancellationToken);
        if (b is null)
        {
            return Problems.NotFound($"'{key}' has no {(to == 0 ? "draft" : $"version {to}")} in your district.");
        }

        var diff = DefinitionDiff.Create(key, from, to, SemanticDiffer.Diff(a, b), $"{key} {DefinitionDiff.Label(from)}", DefinitionDiff.Label(to));
        return format switch
        {
            null or "json" => TypedResults.Ok(diff),
            "text" => TypedResults.Text(diff.Text, "text/plain; charset=utf-8"),
            _ => Problems.BadRequest("format must be 'json' or 'text'.", "format"),
        };
    }

    private static async Task<Results<Ok<DefinitionBundle>, ProblemHttpResult>> ExportAsync(string key, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var definition = await LatestAsync(db, me.District, key, cancellationToken);
        return definition is null
            ? Problems.NotFound($"'{key}' has no published version in your district.")
            : TypedResults.Ok(new DefinitionBundle(DefinitionBundle.CurrentFormat, clock.GetUtcNow(), [ToJson(definition)]));
    }

    private static async Task<Ok<DefinitionBundle>> ExportAllAsync(FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var district = me.District;
        var keys = await db.Definitions.AsNoTracking().Where(d => d.District == district && d.Version > 0 && d.Status == DefinitionStatus.Published)
            .Select(d => d.Key).Distinct().OrderBy(k => k).ToListAsync(cancellationToken);
        var list = new List<JsonElement>();
        foreach (var k in keys)
        {
            if (await LatestAsync(db, district, k, cancellationToken) is { } d)
            {
                list.Add(ToJson(d));
            }
        }

        return TypedResults.Ok(new DefinitionBundle(DefinitionBundle.CurrentFormat, clock.GetUtcNow(), list));
    }

    private static async Task<Results<Ok<List<ImportResult>>, ProblemHttpResult>> ImportAsync(DefinitionBundle bundle, DefinitionService service, DefinitionValidator validator, CurrentUser me, CancellationToken cancellationToken)
    {
        if (bundle.Format != DefinitionBundle.CurrentFormat)
        {
            return Problems.BadRequest($"format must be '{DefinitionBundle.CurrentFormat}'.", "format");
        }

        if (bundle.Definitions is null || bundle.Definitions.Count is 0 or > 200)
        {
            return Problems.BadRequest("definitions must hold 1 to 200 definitions.", "definitions");
        }

        var results = new List<ImportResult>();
        for (var i = 0; i < bundle.Definitions.Count; i++)
        {
            WorkflowDefinition definition;
            try
            {
                definition = DefinitionJson.Parse(bundle.Definitions[i].GetRawText());
            }
            catch (DefinitionParseException ex)
            {
                results.Add(new ImportResult(i, null, null, [ex.Problem with { Path = $"definitions[{i}]" + (ex.Problem.Path is { } p ? "." + p : "") }]));
                continue;
            }

            results.Add(await DefinitionImporter.ImportAsync(i, definition, me.District, service, validator, Actor(me), "import", cancellationToken));
        }

        return TypedResults.Ok(results);
    }

    internal static async Task<WorkflowDefinition?> LoadAsync(FlowGovDbContext db, string district, string key, int version, CancellationToken cancellationToken)
    {
        var row = await db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.Version == version && (d.District == district || d.District == ""))
            .OrderByDescending(d => d.District == district)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToDefinition(row);
    }

    private static async Task<WorkflowDefinition?> LatestAsync(FlowGovDbContext db, string district, string key, CancellationToken cancellationToken)
    {
        var row = await db.Definitions.AsNoTracking()
            .Where(d => d.Key == key && d.Version > 0 && d.Status == DefinitionStatus.Published && (d.District == district || d.District == ""))
            .OrderByDescending(d => d.District == district).ThenByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToDefinition(row);
    }

    internal static WorkflowDefinition ToDefinition(DefinitionRow row) =>
        JsonSerializer.Deserialize(row.ContentJson, EngineJson.Default.WorkflowDefinition)! with
        {
            Key = row.Key,
            District = row.District.Length == 0 ? null : row.District,
            Version = row.Version,
            ContentHash = row.ContentHash,
        };

    internal static WorkflowDefinition Parse(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "Bad request", "definition must be a JSON object (docs/definition-format.md).",
                new Dictionary<string, object?> { ["field"] = "definition" });
        }

        return DefinitionJson.Parse(json.GetRawText());
    }

    internal static JsonElement ToJson(WorkflowDefinition definition) => JsonSerializer.SerializeToElement(definition, EngineJson.Default.WorkflowDefinition);

    internal static AuditActor Actor(CurrentUser me) => new(me.Id, me.ClientAddress ?? "api");
}
