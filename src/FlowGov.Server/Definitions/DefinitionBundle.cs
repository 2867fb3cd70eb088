using System.Text.Json;

namespace FlowGov.Server.Definitions;

/// <summary>An export: definitions in their file format, importable into another district or server.</summary>
public sealed record DefinitionBundle(string Format, DateTimeOffset ExportedAt, IReadOnlyList<JsonElement> Definitions)
{
    public const string CurrentFormat = "flowgov-bundle/1";
}
