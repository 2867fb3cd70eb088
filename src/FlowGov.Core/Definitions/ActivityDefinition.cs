using System.Text.Json;

namespace FlowGov.Core.Definitions;

/// <summary>One node of the flowchart: its id, activity type, display name, properties and canvas position.</summary>
public sealed record ActivityDefinition
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public string? Name { get; init; }

    /// <summary>Property values as written in the definition; their meaning comes from the activity's descriptor.</summary>
    public IReadOnlyDictionary<string, JsonElement> Properties { get; init; } = new Dictionary<string, JsonElement>();

    public CanvasPosition? Position { get; init; }
}
