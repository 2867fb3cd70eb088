using System.Text.Json;
using FlowGov.Core.Definitions;

namespace FlowGov.Core.Versioning;

/// <summary>
/// Compares two definitions by identity — activities by id, connections by (source, port, target),
/// variables by name, forms by key and their fields by key path, triggers by id — and names every
/// property whose JSON value differs. Values are compared as JSON (member order and number
/// formatting do not matter; a null member counts as absent, as the engine reads it).
/// </summary>
public static class SemanticDiffer
{
    // Members of a form that hold fields: compared field by field, not as one opaque property.
    private static readonly HashSet<string> FormContainers = new(StringComparer.Ordinal) { "key", "sections", "fields" };
    private static readonly HashSet<string> FieldContainers = new(StringComparer.Ordinal) { "key", "fields" };

    public static DefinitionChanges Diff(WorkflowDefinition from, WorkflowDefinition to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var header = new List<PropertyChange>();
        AddIfDifferent(header, "name", Text(from.Name), Text(to.Name));
        AddIfDifferent(header, "description", Text(from.Description), Text(to.Description));
        return new DefinitionChanges
        {
            Definition = header,
            Activities = DiffActivities(from, to),
            Connections = DiffConnections(from, to),
            Variables = DiffKeyed(from.Variables, to.Variables, v => v.Name, v => JsonSerializer.SerializeToElement(v, EngineJson.Default.VariableDefinition), (n, c, p) => new VariableChange(n, c, p)),
            Forms = DiffForms(from.Forms, to.Forms),
            Triggers = DiffKeyed(from.Triggers, to.Triggers, t => t.Id, t => JsonSerializer.SerializeToElement(t, EngineJson.Default.TriggerDefinition), (n, c, p) => new TriggerChange(n, c, p)),
        };
    }

    /// <summary>The field-level difference of one form (either side null when the form is absent there).</summary>
    public static FormChange? DiffForm(string key, JsonElement? from, JsonElement? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var fieldsFrom = from is { } f ? FieldsOf(f) : [];
        var fieldsTo = to is { } t ? FieldsOf(t) : [];
        var fields = new List<FieldChange>();
        foreach (var (path, field) in fieldsFrom)
        {
            if (!fieldsTo.TryGetValue(path, out var other))
            {
                fields.Add(new FieldChange(path, ChangeKind.Removed, []));
                continue;
            }

            var properties = DiffMembers(field, other, FieldContainers);
            if (properties.Count > 0)
            {
                fields.Add(new FieldChange(path, ChangeKind.Changed, properties));
            }
        }

        fields.AddRange(fieldsTo.Keys.Where(k => !fieldsFrom.ContainsKey(k)).Select(k => new FieldChange(k, ChangeKind.Added, [])));
        if (from is null)
        {
            return new FormChange(key, ChangeKind.Added, fields, []);
        }

        if (to is null)
        {
            return new FormChange(key, ChangeKind.Removed, fields, []);
        }

        var formProperties = DiffMembers(from.Value, to.Value, FormContainers);
        return fields.Count == 0 && formProperties.Count == 0 ? null : new FormChange(key, ChangeKind.Changed, fields, formProperties);
    }

    private static List<ActivityChange> DiffActivities(WorkflowDefinition from, WorkflowDefinition to)
    {
        var left = from.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var right = to.Activities.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var changes = new List<ActivityChange>();
        foreach (var a in from.Activities)
        {
            if (!right.TryGetValue(a.Id, out var b))
            {
                changes.Add(new ActivityChange(a.Id, a.Type, ChangeKind.Removed, []));
                continue;
            }

            var properties = new List<PropertyChange>();
            AddIfDifferent(properties, "type", Text(a.Type), Text(b.Type));
            AddIfDifferent(properties, "name", Text(a.Name), Text(b.Name));
            AddIfDifferent(properties, "position", Position(a.Position), Position(b.Position));
            foreach (var p in a.Properties.Keys.Union(b.Properties.Keys).Order(StringComparer.Ordinal))
            {
                AddIfDifferent(properties, "properties." + p, Present(a.Properties, p), Present(b.Properties, p));
            }

            if (properties.Count > 0)
            {
                changes.Add(new ActivityChange(a.Id, b.Type, ChangeKind.Changed, properties));
            }
        }

        changes.AddRange(to.Activities.Where(b => !left.ContainsKey(b.Id)).Select(b => new ActivityChange(b.Id, b.Type, ChangeKind.Added, [])));
        return changes;
    }

    private static List<ConnectionChange> DiffConnections(WorkflowDefinition from, WorkflowDefinition to)
    {
        var left = from.Connections.Select(c => (c.From, c.Port, c.To)).ToHashSet();
        var right = to.Connections.Select(c => (c.From, c.Port, c.To)).ToHashSet();
        return
        [
            .. from.Connections.Where(c => !right.Contains((c.From, c.Port, c.To))).Select(c => new ConnectionChange(c.From, c.Port, c.To, ChangeKind.Removed)),
            .. to.Connections.Where(c => !left.Contains((c.From, c.Port, c.To))).Select(c => new ConnectionChange(c.From, c.Port, c.To, ChangeKind.Added)),
        ];
    }

    private static List<FormChange> DiffForms(IReadOnlyDictionary<string, JsonElement> from, IReadOnlyDictionary<string, JsonElement> to)
    {
        var changes = new List<FormChange>();
        foreach (var key in from.Keys.Union(to.Keys).Order(StringComparer.Ordinal))
        {
            var change = DiffForm(key, from.TryGetValue(key, out var f) ? f : null, to.TryGetValue(key, out var t) ? t : null);
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        return changes;
    }

    private static List<TChange> DiffKeyed<TItem, TChange>(IReadOnlyList<TItem> from, IReadOnlyList<TItem> to, Func<TItem, string> keyOf, Func<TItem, JsonElement> json, Func<string, string, IReadOnlyList<PropertyChange>, TChange> make)
    {
        var left = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in from)
        {
            left.TryAdd(keyOf(item), json(item));
        }

        var right = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var item in to)
        {
            right.TryAdd(keyOf(item), json(item));
        }

        var changes = new List<TChange>();
        foreach (var (key, value) in left)
        {
            if (!right.TryGetValue(key, out var other))
            {
                changes.Add(make(key, ChangeKind.Removed, []));
            }
            else if (DiffMembers(value, other, null) is { Count: > 0 } properties)
            {
                changes.Add(make(key, ChangeKind.Changed, properties));
            }
        }

        changes.AddRange(right.Keys.Where(k => !left.ContainsKey(k)).Select(k => make(k, ChangeKind.Added, [])));
        return changes;
    }

    /// <summary>Fields by key path, in document order: sections' fields (or top-level fields), group sub-fields as <c>group.sub</c>.</summary>
    private static Dictionary<string, JsonElement> FieldsOf(JsonElement form)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (form.ValueKind != JsonValueKind.Object)
        {
            return fields;
        }

        if (form.TryGetProperty("sections", out var sections) && sections.ValueKind == JsonValueKind.Array)
        {
            foreach (var section in sections.EnumerateArray())
            {
                Collect(section, "", fields);
            }
        }

        Collect(form, "", fields);
        return fields;
    }

    private static void Collect(JsonElement owner, string prefix, Dictionary<string, JsonElement> into)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty("fields", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var field in list.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Object || !field.TryGetProperty("key", out var k) || k.ValueKind != JsonValueKind.String)
            {
                continue;
            }

            var path = prefix + k.GetString();
            into.TryAdd(path, field);
            Collect(field, path + ".", into);
        }
    }

    /// <summary>Top-level members whose values differ, by name in ordinal order; <paramref name="skip"/> names members compared elsewhere.</summary>
    private static List<PropertyChange> DiffMembers(JsonElement a, JsonElement b, HashSet<string>? skip)
    {
        var left = Members(a);
        var right = Members(b);
        var changes = new List<PropertyChange>();
        foreach (var name in left.Keys.Union(right.Keys).Order(StringComparer.Ordinal))
        {
            if (skip is not null && skip.Contains(name))
            {
                continue;
            }

            AddIfDifferent(changes, name, left.TryGetValue(name, out var x) ? x : null, right.TryGetValue(name, out var y) ? y : null);
        }

        return changes;
    }

    private static Dictionary<string, JsonElement> Members(JsonElement e)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Null)
                {
                    members[p.Name] = p.Value;
                }
            }
        }

        return members;
    }

    private static void AddIfDifferent(List<PropertyChange> into, string name, JsonElement? from, JsonElement? to)
    {
        if (!SameJson(from, to))
        {
            into.Add(new PropertyChange(name, from?.Clone(), to?.Clone()));
        }
    }

    private static bool SameJson(JsonElement? a, JsonElement? b)
    {
        if (a is not { } x || x.ValueKind == JsonValueKind.Null)
        {
            return b is not { } y0 || y0.ValueKind == JsonValueKind.Null;
        }

        if (b is not { } y || y.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            return x.GetDouble().Equals(y.GetDouble());
        }

        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var mx = Members(x);
            var my = Members(y);
            return mx.Count == my.Count && mx.All(kv => my.TryGetValue(kv.Key, out var v) && SameJson(kv.Value, v));
        }

        if (x.ValueKind == JsonValueKind.Array && y.ValueKind == JsonValueKind.Array)
        {
            return x.GetArrayLength() == y.GetArrayLength() && x.EnumerateArray().Zip(y.EnumerateArray()).All(p => SameJson(p.First, p.Second));
        }

        return JsonElement.DeepEquals(x, y);
    }

    private static JsonElement? Present(IReadOnlyDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var v) ? v : null;

    private static JsonElement? Text(string? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, EngineJson.Default.String);

    private static JsonElement? Position(CanvasPosition? p) =>
        p is null ? null : JsonSerializer.SerializeToElement(p, EngineJson.Default.CanvasPosition);
}
