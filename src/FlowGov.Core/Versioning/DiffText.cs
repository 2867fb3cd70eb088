using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FlowGov.Core.Versioning;

/// <summary>
/// The diff as lines a reviewer reads: <c>+</c> added, <c>-</c> removed, <c>~</c> changed, then
/// ids and property names as they appear in the JSON (identifiers are English, labels stay as written).
/// </summary>
public static class DiffText
{
    private const int ValueLimit = 80;

    public static string Render(DefinitionChanges changes, string fromLabel, string toLabel)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{fromLabel} → {toLabel}: ");
        if (changes.Identical)
        {
            return sb.Append("identical\n").ToString();
        }

        sb.Append(CultureInfo.InvariantCulture, $"{changes.Activities.Count} activities, {changes.Connections.Count} connections, {changes.Variables.Count} variables, {changes.Forms.Count} forms, {changes.Triggers.Count} triggers changed\n");
        Properties(sb, "  ", changes.Definition);
        foreach (var a in changes.Activities)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Mark(a.Change)} activity {a.Id} ({a.Type})\n");
            Properties(sb, "    ", a.Properties);
        }

        foreach (var c in changes.Connections)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Mark(c.Change)} connection {c.Source}:{c.SourcePort} → {c.Target}\n");
        }

        foreach (var v in changes.Variables)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Mark(v.Change)} variable {v.Name}\n");
            Properties(sb, "    ", v.Properties);
        }

        foreach (var f in changes.Forms)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Mark(f.Change)} form {f.Key}\n");
            Properties(sb, "    ", f.Properties);
            foreach (var field in f.Fields)
            {
                sb.Append(CultureInfo.InvariantCulture, $"    {Mark(field.Change)} field {field.Key}\n");
                Properties(sb, "        ", field.Properties);
            }
        }

        foreach (var t in changes.Triggers)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Mark(t.Change)} trigger {t.Id}\n");
            Properties(sb, "    ", t.Properties);
        }

        return sb.ToString();
    }

    private static void Properties(StringBuilder sb, string indent, IReadOnlyList<PropertyChange> properties)
    {
        foreach (var p in properties)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{indent}{p.Name}: {Value(p.From)} → {Value(p.To)}\n");
        }
    }

    private static string Mark(string change) => change switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        _ => "~",
    };

    private static string Value(JsonElement? value)
    {
        if (value is not { } v)
        {
            return "∅";
        }

        // Raw JSON keeps Chinese readable only if not escaped: re-serialize relaxed.
        var text = JsonSerializer.Serialize(v, VersioningJson.Relaxed);
        text = text.Replace("\n", " ", StringComparison.Ordinal);
        return text.Length <= ValueLimit ? text : string.Concat(text.AsSpan(0, ValueLimit), "…");
    }
}
