using System.Security.Cryptography;
using System.Text.Json;

namespace FlowGov.Core.Definitions;

/// <summary>
/// The content hash stamped on publish: SHA-256 (lower-case hex) of a canonical JSON form —
/// object keys sorted by ordinal, no whitespace, numbers in shortest round-trip form, members
/// whose value is null dropped (the engine reads null as absent), and <c>version</c> and
/// <c>contentHash</c> left out. Equal content gives an equal hash however the file was formatted.
/// </summary>
public static class DefinitionHasher
{
    private static readonly HashSet<string> Excluded = new(StringComparer.Ordinal) { "version", "contentHash" };

    public static string Hash(WorkflowDefinition definition) => Convert.ToHexStringLower(SHA256.HashData(CanonicalUtf8(definition)));

    /// <summary>The canonical JSON the hash is computed over (for diagnosing a hash mismatch).</summary>
    public static string CanonicalJson(WorkflowDefinition definition) => System.Text.Encoding.UTF8.GetString(CanonicalUtf8(definition));

    private static byte[] CanonicalUtf8(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var element = JsonSerializer.SerializeToElement(definition, EngineJson.Default.WorkflowDefinition);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            Write(writer, element, topLevel: true);
        }

        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter w, JsonElement e, bool topLevel = false)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (p.Value.ValueKind == JsonValueKind.Null || (topLevel && Excluded.Contains(p.Name)))
                    {
                        continue;
                    }

                    w.WritePropertyName(p.Name);
                    Write(w, p.Value);
                }

                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.Number when e.TryGetDouble(out var d) && double.IsFinite(d):
                w.WriteNumberValue(d);
                break;
            default:
                e.WriteTo(w);
                break;
        }
    }
}
