using System.Text.Json;

namespace FlowGov.Core.Activities;

/// <summary>One property as the designer's property panel renders it.</summary>
public sealed record PropertyDescriptor(string Name, PropertyKind Kind, string Label, string LabelEn)
{
    public bool Required { get; init; }

    public JsonElement? Default { get; init; }

    public string? Hint { get; init; }

    public IReadOnlyList<string>? Options { get; init; }
}
