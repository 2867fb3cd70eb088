namespace FlowGov.Core.Forms;

/// <summary>A titled block of fields. Sections are layout only: field keys are unique across the whole form.</summary>
public sealed record FormSection
{
    public string? Key { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<FieldDefinition> Fields { get; init; } = [];
}
