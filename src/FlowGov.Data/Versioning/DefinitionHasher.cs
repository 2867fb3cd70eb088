using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;

namespace FlowGov.Data.Versioning;

/// <summary>
/// The content hash of a definition: SHA-256 (lower-case hex) of its canonical JSON — the engine's
/// JSON with object keys sorted ordinally, no whitespace, and the stamps that are not content
/// (version, hash, district) left out. Republishing the same content gives the same hash.
/// </summary>
public static class DefinitionHasher
{
    public static string Hash(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalJson(definition))));
    }

    public static string CanonicalJson(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var content = definition with { Version = 0, ContentHash = null, District = null };
        using var doc = JsonDocument.Parse(JsonSerializer.Serialize(content, EngineJson.Default.WorkflowDefinition));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, doc.RootElement);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
