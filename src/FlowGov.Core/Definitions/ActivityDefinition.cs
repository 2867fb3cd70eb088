using System.Text.Json;

namespace FlowGov.Core.Definitions;

/// <summary>One node of the flowchart: its id, activity type, display name, properties and canvas position.</summary>
public sealed record ActivityDefinition
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public string? Name { get; init; }

    /// <summary>Property values as written in the definition; their meaning comes from the activity's descriptor.</summary>
    /// <remarks>Null (absent in JSON: the source generator bypasses the initializer) reads as no properties.</remarks>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init => field = value ?? new Dictionary<string, JsonElement>(); } = new Dictionary<string, JsonElement>();

    public CanvasPosition? Position { get; init; }
}
