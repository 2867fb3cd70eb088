using System.Text;
using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// The message catalogues of the forms feature: <c>messages.zh-CN.json</c> (default) and
/// <c>messages.en.json</c>, embedded in the assembly. Placeholders are <c>{name}</c>.
/// </summary>
public static class FormMessages
{
    private static readonly Dictionary<string, string> Zh = Load("FlowGov.Core.Forms.messages.zh-CN.json");
    private static readonly Dictionary<string, string> En = Load("FlowGov.Core.Forms.messages.en.json");

    /// <summary>Every message key (the same in both catalogues).</summary>
    public static IEnumerable<string> Keys => Zh.Keys;

    public static string Template(string key, string culture) =>
        (culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? En : Zh).TryGetValue(key, out var t) ? t : key;

    /// <summary>Builds an error with both messages from the catalogue; <paramref name="args"/> are name/value pairs.</summary>
    public static FormError Error(string path, string key, params ReadOnlySpan<(string Name, string Value)> args) =>
        new(path, key, Format(Zh, key, args), Format(En, key, args));

    /// <summary>An error whose text the designer wrote (a validate script, a pattern message).</summary>
    public static FormError Custom(string path, string key, LocalizedText text) => new(path, key, text.Zh, text.En);

    private static string Format(Dictionary<string, string> catalogue, string key, ReadOnlySpan<(string Name, string Value)> args)
    {
        if (!catalogue.TryGetValue(key, out var template))
        {
            return key;
        }

        if (args.IsEmpty || !template.Contains('{', StringComparison.Ordinal))
        {
            return template;
        }

        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            var close = template.IndexOf('}', open);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            sb.Append(template, i, open - i);
            var name = template.AsSpan(open + 1, close - open - 1);
            var found = false;
            foreach (var (n, v) in args)
            {
                if (name.SequenceEqual(n))
                {
                    sb.Append(v);
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                sb.Append(template, open, close - open + 1);
            }

            i = close + 1;
        }

        return sb.ToString();
    }

    private static Dictionary<string, string> Load(string resource)
    {
        using var stream = typeof(FormMessages).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"missing embedded resource {resource}");
        using var doc = JsonDocument.Parse(stream);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            map[p.Name] = p.Value.GetString() ?? "";
        }

        return map;
    }
}
