using FlowGov.Core.Definitions;
using FlowGov.Core.Versioning;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Definitions;

/// <summary>
/// City templates (definitions of district <c>""</c>) and the district definitions forked from them:
/// a fork copies the template's latest published version into a district draft and records the
/// lineage; the lineage answer diffs the forked-from version against the template's latest.
/// </summary>
public static class TemplateEndpoints
{
    public static RouteGroupBuilder MapTemplateEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/definitions").WithTags("Templates");
        group.MapPost("/{templateKey}/fork", ForkAsync).RequireAuthorization(Policies.Designer);
        group.MapGet("/{key}/lineage", LineageAsync);
        return group;
    }

    private static async Task<Results<Ok<ForkResponse>, ProblemHttpResult>> ForkAsync(string templateKey, ForkRequest? request, FlowGovDbContext db, DefinitionService service, CurrentUser me, CancellationToken cancellationToken)
    {
        var newKey = request?.NewKey ?? templateKey;
        if (!Slug.IsValid(newKey))
        {
            return Problems.BadRequest($"The key '{newKey}' must be lower-case letters, digits and hyphens, starting with a letter.", "newKey");
        }

        var template = await LatestTemplateRowAsync(db, templateKey, cancellationToken);
        if (template is null)
        {
            return Problems.NotFound($"There is no published city template '{templateKey}'.");
        }

        var district = me.District;
        if (await db.Definitions.AnyAsync(d => d.District == district && d.Key == newKey, cancellationToken))
        {
            return Problems.Conflict($"Your district already has a definition '{newKey}'; fork under another key (newKey).", new Dictionary<string, object?> { ["field"] = "newKey" });
        }

        var content = DefinitionEndpoints.ToDefinition(template) with { Key = newKey, District = district, Version = 0, ContentHash = null };
        var revision = await service.SaveDraftAsync(content, 0, DefinitionEndpoints.Actor(me), new DefinitionRef(templateKey, template.Version), cancellationToken);
        return TypedResults.Ok(new ForkResponse(newKey, revision, templateKey, template.Version));
    }

    private static async Task<Results<Ok<LineageResponse>, ProblemHttpResult>> LineageAsync(string key, FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var district = me.District;
        // The newest row carries the lineage: the draft when it was forked, else the latest version.
        var own = await db.Definitions.AsNoTracking()
            .Where(d => d.District == district && d.Key == key && d.ForkedFromKey != null)
            .OrderByDescending(d => d.Version == 0).ThenByDescending(d => d.Version)
            .Select(d => new { d.ForkedFromKey, d.ForkedFromVersion })
            .FirstOrDefaultAsync(cancellationToken);
        if (own?.ForkedFromKey is not { } templateKey || own.ForkedFromVersion is not { } forkedFrom)
        {
            return Problems.NotFound($"'{key}' in your district was not forked from a city template.");
        }

        var baseRow = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.District == "" && d.Key == templateKey && d.Version == forkedFrom, cancellationToken);
        var latestRow = await LatestTemplateRowAsync(db, templateKey, cancellationToken);
        if (baseRow is null || latestRow is null)
        {
            return Problems.NotFound($"The city template '{templateKey}' v{forkedFrom} is no longer available.");
        }

        var changes = SemanticDiffer.Diff(DefinitionEndpoints.ToDefinition(baseRow), DefinitionEndpoints.ToDefinition(latestRow));
        var diff = DefinitionDiff.Create(templateKey, forkedFrom, latestRow.Version, changes, $"{templateKey} v{forkedFrom}", $"v{latestRow.Version}");
        return TypedResults.Ok(new LineageResponse(templateKey, forkedFrom, latestRow.Version, diff));
    }

    private static Task<DefinitionRow?> LatestTemplateRowAsync(FlowGovDbContext db, string key, CancellationToken cancellationToken) =>
        db.Definitions.AsNoTracking()
            .Where(d => d.District == "" && d.Key == key && d.Version > 0 && d.Status == DefinitionStatus.Published)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken);
}
