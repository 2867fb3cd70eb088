using FlowGov.Core.Versioning;

namespace FlowGov.Server.Definitions;

/// <summary>The flat <c>changes</c> list of the diff answer (kind, id, change, fields), derived from the semantic diff for clients written before it.</summary>
public static class DefinitionDiffer
{
    public static IReadOnlyList<DiffEntry> Flatten(DefinitionChanges changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var list = new List<DiffEntry>();
        if (changes.Definition.Count > 0)
        {
            list.Add(new DiffEntry("definition", "", ChangeKind.Changed, Names(changes.Definition)));
        }

        list.AddRange(changes.Activities.Select(a => new DiffEntry("activity", a.Id, a.Change, Names(a.Properties))));
        list.AddRange(changes.Connections.Select(c => new DiffEntry("connection", $"{c.Source}:{c.SourcePort}->{c.Target}", c.Change)));
        list.AddRange(changes.Variables.Select(v => new DiffEntry("variable", v.Name, v.Change, Names(v.Properties))));
        list.AddRange(changes.Forms.Select(f => new DiffEntry("form", f.Key, f.Change, f.Fields.Count == 0 && f.Properties.Count == 0 ? null : [.. Names(f.Properties) ?? [], .. f.Fields.Select(x => "fields." + x.Key)])));
        list.AddRange(changes.Triggers.Select(t => new DiffEntry("trigger", t.Id, t.Change, Names(t.Properties))));
        return list;
    }

    private static IReadOnlyList<string>? Names(IReadOnlyList<PropertyChange> properties) =>
        properties.Count == 0 ? null : [.. properties.Select(p => p.Name)];
}
