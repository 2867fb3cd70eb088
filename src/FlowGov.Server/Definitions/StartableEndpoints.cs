using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Definitions;

/// <summary>
/// The processes the current user may start: the latest published version of each definition of
/// their district (or the city's, where the district has none), filtered by who may start it.
/// </summary>
public static class StartableEndpoints
{
    public static RouteHandlerBuilder MapStartableEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/definitions/startable", ListAsync).WithTags("Definitions");

    private static async Task<Ok<List<StartableProcess>>> ListAsync(FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var access = await me.AccessAsync(cancellationToken);
        var district = me.District;
        var latest = await db.Definitions.AsNoTracking()
            .Where(d => d.Status == DefinitionStatus.Published)
            .GroupBy(d => new { d.Key, d.District })
            .Select(g => new { g.Key.Key, g.Key.District, Version = g.Max(d => d.Version) })
            .ToListAsync(cancellationToken);
        // The district's own definition shadows the city's template of the same key.
        var chosen = latest.GroupBy(r => r.Key).Select(g => g.FirstOrDefault(r => r.District == district) ?? g.First()).ToList();
        var list = new List<StartableProcess>();
        foreach (var pick in chosen)
        {
            var row = await db.Definitions.AsNoTracking().FirstAsync(d => d.Key == pick.Key && d.District == pick.District && d.Version == pick.Version, cancellationToken);
            var definition = (JsonSerializer.Deserialize(row.ContentJson, EngineJson.Default.WorkflowDefinition) ?? throw new InvalidOperationException($"Definition {row.Key} v{row.Version} has empty content.")) with { Key = row.Key, Version = row.Version };
            if (MayStart(definition, access))
            {
                list.Add(new StartableProcess(definition.Key, definition.Name, definition.Version, Text(definition, "category"), StartForm(definition)));
            }
        }

        return TypedResults.Ok(list.OrderBy(p => p.Category ?? "", StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// Who may start: the definition's <c>startRoles</c> if it lists any, else the candidate roles of
    /// the user task right after Start, else every role but viewer. Admins may start anything.
    /// </summary>
    internal static bool MayStart(WorkflowDefinition definition, UserAccess access)
    {
        if (access.IsAdmin)
        {
            return true;
        }

        var roles = Strings(definition, "startRoles");
        if (roles is null && FirstTask(definition) is { } task && task.Properties.TryGetValue("candidateRoles", out var candidates) && candidates.ValueKind == JsonValueKind.Array)
        {
            roles = [.. candidates.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)];
        }

        return roles is { Count: > 0 }
            ? roles.Any(access.HoldsAnywhere)
            : access.Roles.Any(r => r != RoleNames.Viewer);
    }

    /// <summary>The definition's <c>startForm</c> (a form key) if set, else the form of the user task right after Start.</summary>
    private static JsonElement? StartForm(WorkflowDefinition definition)
    {
        var key = Text(definition, "startForm");
        if (key is null && FirstTask(definition) is { } task && task.Properties.TryGetValue("formKey", out var formKey) && formKey.ValueKind == JsonValueKind.String)
        {
            key = formKey.GetString();
        }

        return key is not null && definition.Forms.TryGetValue(key, out var form) ? form : null;
    }

    private static ActivityDefinition? FirstTask(WorkflowDefinition definition)
    {
        var start = definition.Activities.FirstOrDefault(a => a.Type == "Start");
        var next = start is null ? null : definition.Connections.FirstOrDefault(c => c.From == start.Id)?.To;
        return definition.Activities.FirstOrDefault(a => a.Id == next && a.Type == "UserTask");
    }

    private static string? Text(WorkflowDefinition definition, string name) =>
        definition.Extensions?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Strings(WorkflowDefinition definition, string name) =>
        definition.Extensions?.TryGetValue(name, out var value) == true && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : null;
}

/// <summary>A process the user may start, with the form to show before starting (null when there is none).</summary>
public sealed record StartableProcess(string Key, string Name, int Version, string? Category, JsonElement? StartForm);
