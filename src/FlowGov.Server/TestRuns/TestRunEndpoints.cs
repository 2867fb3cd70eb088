using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Validation;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.TestRuns;

/// <summary>
/// Test runs of a draft: the draft's content is frozen as a hidden version with a negative number
/// (−1, −2, …; one per distinct content) and an ordinary instance is started on it. Negative versions
/// are never "latest", never listed as versions and never counted in reports; instances on them are
/// marked <c>test</c>, and the designer who started one may work its tasks whoever they are offered to.
/// </summary>
public static class TestRunEndpoints
{
    public static RouteHandlerBuilder MapTestRunEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/definitions/{key}/draft/test-runs", StartAsync).WithTags("Definitions").RequireAuthorization(Policies.Designer);

    private static async Task<Results<Created<TestRunResponse>, ProblemHttpResult>> StartAsync(string key, TestRunRequest? request, DefinitionService definitions, DefinitionValidator validator, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request?.Input is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest("input must be a JSON object of start variables.", "input");
        }

        var draft = await definitions.GetDraftAsync(me.District, key, cancellationToken);
        if (draft is null)
        {
            return Problems.NotFound($"'{key}' has no draft in your district.");
        }

        var report = validator.Validate(draft.Definition);
        if (!report.Ok)
        {
            return Problems.Unprocessable($"The draft of '{key}' is not valid; fix it before a test run.", new Dictionary<string, object?> { ["problems"] = report.Problems });
        }

        var version = await TestVersionAsync(db, me, draft.Definition with { Version = 0, ContentHash = null }, clock, cancellationToken);
        var result = await engine.StartAsync(key, new StartRequest
        {
            District = me.District,
            Input = request?.Input is { ValueKind: JsonValueKind.Object } input ? input : null,
            StartedBy = me.Id,
        }, version, cancellationToken);
        AuditTrail.Add(db, me, "instance.test-run", result.Instance.Id, clock.GetUtcNow(), $"{key}@{version}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/instances/{result.Instance.Id}", new TestRunResponse(result.Instance.Id, version));
    }

    /// <summary>The hidden version holding exactly this content: an existing one, or a new one below the lowest.</summary>
    private static async Task<int> TestVersionAsync(FlowGovDbContext db, CurrentUser me, Core.Definitions.WorkflowDefinition content, TimeProvider clock, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(content, EngineJson.Default.WorkflowDefinition);
        var hash = "test-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var district = me.District;
        var key = content.Key;
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.Definitions.AsNoTracking().Where(d => d.District == district && d.Key == key && d.Version < 0 && d.ContentHash == hash)
                .Select(d => (int?)d.Version).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } found)
            {
                return found;
            }

            var lowest = await db.Definitions.Where(d => d.District == district && d.Key == key && d.Version < 0).MinAsync(d => (int?)d.Version, cancellationToken) ?? 0;
            var now = clock.GetUtcNow();
            var row = new DefinitionRow
            {
                Key = key,
                District = district,
                Version = lowest - 1,
                // Retired: a pinned lookup finds it, a "latest published" lookup never does.
                Status = DefinitionStatus.Retired,
                Name = content.Name,
                ContentJson = json,
                ContentHash = hash,
                Author = me.Id,
                ChangeNote = "test run",
                CreatedAt = now,
                UpdatedAt = now,
                RetiredAt = now,
            };
            db.Definitions.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row.Version;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another test run took that number at the same moment: look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A test run's task may be worked by the designer who started the run.</summary>
    internal static async Task<bool> IsOwnTestRunAsync(FlowGovDbContext db, TaskRow task, string userId, CancellationToken cancellationToken) =>
        task.DefinitionVersion < 0 && await db.Instances.AnyAsync(i => i.Id == task.InstanceId && i.StartedBy == userId, cancellationToken);
}
