using System.Text.Json;

namespace FlowGov.Core.Activities;

/// <summary>One property as the designer's property panel renders it.</summary>
public sealed record PropertyDescriptor(string Name, PropertyKind Kind, string Label, string LabelEn)
{
    public bool Required { get; init; }

    public JsonElement? Default { get; init; }

    public string? Hint { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>
    /// The property may also be <c>{"js": "expression"}</c>, computed when the activity runs (e.g. a
    /// Delay whose duration depends on a variable). A literal is still checked when the definition is
    /// prepared; a computed value is checked at run time, and a bad one faults naming the property.
    /// </summary>
    public bool Computed { get; init; }
}
