using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;

namespace FlowGov.Server.Definitions;

/// <summary>A structural diff of two definitions: activities by id, connections by (from, port, to), variables, forms, triggers and the header.</summary>
public static class DefinitionDiffer
{
    public static IReadOnlyList<DiffEntry> Diff(WorkflowDefinition a, WorkflowDefinition b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var changes = new List<DiffEntry>();
        var header = new List<string>();
        if (a.Name != b.Name)
        {
            header.Add("name");
        }

        if (a.Description != b.Description)
        {
            header.Add("description");
        }

        if (header.Count > 0)
        {
            changes.Add(new DiffEntry("definition", a.Key, "changed", header));
        }

        var left = a.Activities.ToDictionary(x => x.Id, StringComparer.Ordinal);
        var right = b.Activities.ToDictionary(x => x.Id, StringComparer.Ordinal);
        foreach (var (id, x) in left)
        {
            if (!right.TryGetValue(id, out var y))
            {
                changes.Add(new DiffEntry("activity", id, "removed"));
                continue;
            }

            var fields = new List<string>();
            if (x.Type != y.Type)
            {
                fields.Add("type");
            }

            if (x.Name != y.Name)
            {
                fields.Add("name");
            }

            if (x.Position != y.Position)
            {
                fields.Add("position");
            }

            foreach (var p in x.Properties.Keys.Union(y.Properties.Keys).Order(StringComparer.Ordinal))
            {
                var px = x.Properties.TryGetValue(p, out var vx) ? vx.GetRawText() : null;
                var py = y.Properties.TryGetValue(p, out var vy) ? vy.GetRawText() : null;
                if (!JsonEquals(px, py))
                {
                    fields.Add($"properties.{p}");
                }
            }

            if (fields.Count > 0)
            {
                changes.Add(new DiffEntry("activity", id, "changed", fields));
            }
        }

        changes.AddRange(right.Keys.Where(id => !left.ContainsKey(id)).Select(id => new DiffEntry("activity", id, "added")));

        var cl = a.Connections.Select(ConnectionId).ToHashSet(StringComparer.Ordinal);
        var cr = b.Connections.Select(ConnectionId).ToHashSet(StringComparer.Ordinal);
        changes.AddRange(cl.Except(cr).Select(c => new DiffEntry("connection", c, "removed")));
        changes.AddRange(cr.Except(cl).Select(c => new DiffEntry("connection", c, "added")));

        Compare(changes, "variable", a.Variables.ToDictionary(v => v.Name, v => Json(v)), b.Variables.ToDictionary(v => v.Name, v => Json(v)));
        Compare(changes, "form", a.Forms.ToDictionary(f => f.Key, f => f.Value.GetRawText()), b.Forms.ToDictionary(f => f.Key, f => f.Value.GetRawText()));
        Compare(changes, "trigger", a.Triggers.ToDictionary(t => t.Id, t => Json(t)), b.Triggers.ToDictionary(t => t.Id, t => Json(t)));
        return changes;
    }

    private static void Compare(List<DiffEntry> changes, string kind, Dictionary<string, string> a, Dictionary<string, string> b)
    {
        foreach (var (k, v) in a)
        {
            if (!b.TryGetValue(k, out var w))
            {
                changes.Add(new DiffEntry(kind, k, "removed"));
            }
            else if (!JsonEquals(v, w))
            {
                changes.Add(new DiffEntry(kind, k, "changed"));
            }
        }

        changes.AddRange(b.Keys.Where(k => !a.ContainsKey(k)).Select(k => new DiffEntry(kind, k, "added")));
    }

    private static string ConnectionId(ConnectionDefinition c) => $"{c.From}:{c.Port}->{c.To}";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, typeof(T), EngineJson.Default);

    private static bool JsonEquals(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x == y;
        }

        using var dx = JsonDocument.Parse(x);
        using var dy = JsonDocument.Parse(y);
        return JsonElement.DeepEquals(dx.RootElement, dy.RootElement);
    }
}
