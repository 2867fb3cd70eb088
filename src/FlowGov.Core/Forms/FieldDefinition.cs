using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>One field of a form as written in the definition (see docs/form-format.md for every property).</summary>
public sealed record FieldDefinition
{
    /// <summary>English identifier, stable across versions; the key of the value in the submitted object.</summary>
    public required string Key { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>Display label, usually Chinese.</summary>
    public string Label { get; init; } = "";

    public string? Placeholder { get; init; }

    public string? Help { get; init; }

    public bool Required { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>Lower bound: a number for numeric kinds, an ISO date/date-time string for date kinds.</summary>
    public JsonElement? Min { get; init; }

    public JsonElement? Max { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>A .NET/ECMAScript-compatible regular expression the whole value must match (implicitly anchored, like HTML).</summary>
    public string? Pattern { get; init; }

    public LocalizedText? PatternMessage { get; init; }

    /// <summary>Static options.</summary>
    public IReadOnlyList<FieldOption>? Options { get; init; }

    /// <summary>A path such as <c>vars.departments</c> whose value is an array of options (objects or strings).</summary>
    public string? OptionsFrom { get; init; }

    /// <summary>Script returning an array of options.</summary>
    public string? OptionsScript { get; init; }

    public JsonElement? Default { get; init; }

    public string? VisibleWhen { get; init; }

    public string? RequiredWhen { get; init; }

    public string? ReadOnlyWhen { get; init; }

    public string? Compute { get; init; }

    public string? Validate { get; init; }

    /// <summary>For list kinds (checkboxes, multiselect, photo, file): how many values at least / at most.</summary>
    public int? MinCount { get; init; }

    public int? MaxCount { get; init; }

    /// <summary>For photo and file: the largest accepted attachment.</summary>
    public long? MaxSizeBytes { get; init; }

    /// <summary>For photo and file: accepted content types (<c>image/jpeg</c>, <c>image/*</c>).</summary>
    public IReadOnlyList<string>? Accept { get; init; }

    /// <summary>For category: restricts the choice to one duty (the first level of the taxonomy).</summary>
    public string? TaxonomyRoot { get; init; }

    /// <summary>For group: the sub-fields of each row.</summary>
    public IReadOnlyList<FieldDefinition>? Fields { get; init; }

    public int? MinRows { get; init; }

    public int? MaxRows { get; init; }

    /// <summary>For info: the read-only text shown.</summary>
    public string? Text { get; init; }

    public bool HasScripts =>
        VisibleWhen is not null || RequiredWhen is not null || ReadOnlyWhen is not null || Compute is not null
        || Validate is not null || OptionsScript is not null;
}
