using System.Text.Json;

namespace FlowGov.Core.Definitions;

/// <summary>A workflow variable: name, type (string, number, boolean, date, object, array, any) and default value.</summary>
public sealed record VariableDefinition
{
    public required string Name { get; init; }

    /// <remarks>Absent in JSON reads as <c>any</c> (the source generator would otherwise leave it null).</remarks>
    public string Type { get; init => field = value ?? "any"; } = "any";

    public JsonElement? Default { get; init; }

    public string? Label { get; init; }
}
