using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace FlowGov.Core.Versioning;

/// <summary>Source-generated JSON for the diff and migration reports (the CLI writes them; the server has its own options).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = true)]
[JsonSerializable(typeof(DefinitionChanges))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class VersioningJson : JsonSerializerContext
{
    /// <summary>JSON values with Chinese text left readable (HTML-sensitive characters still escaped).</summary>
    public static JsonTypeInfo<JsonElement> Relaxed => field ??= (JsonTypeInfo<JsonElement>)new JsonSerializerOptions(Default!.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    }.GetTypeInfo(typeof(JsonElement))!;

    /// <summary>The diff indented, Chinese readable.</summary>
    public static JsonTypeInfo<DefinitionChanges> Indented => field ??= (JsonTypeInfo<DefinitionChanges>)new JsonSerializerOptions(Default!.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    }.GetTypeInfo(typeof(DefinitionChanges))!;
}
