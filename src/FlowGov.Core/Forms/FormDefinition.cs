using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// A form as designed: key, title, sections of fields, action buttons and an optional form-level
/// <c>validate</c> script. Immutable; parsed from the JSON kept in <c>WorkflowDefinition.Forms</c>.
/// </summary>
public sealed record FormDefinition
{
    public required string Key { get; init; }

    public string Title { get; init; } = "";

    public string? Description { get; init; }

    public IReadOnlyList<FormSection> Sections { get; init; } = [];

    public IReadOnlyList<FormAction> Actions { get; init; } = [];

    /// <summary>Form-level script: returns a message, an object <c>{fieldPath: message}</c>, or nothing.</summary>
    public string? Validate { get; init; }

    /// <summary>Every top-level field in order, across sections.</summary>
    public IEnumerable<FieldDefinition> AllFields => Sections.SelectMany(s => s.Fields);

    /// <summary>Reads a definition; throws <see cref="FormDefinitionException"/> listing every structural problem.</summary>
    public static FormDefinition Parse(JsonElement json)
    {
        var problems = new List<FormDefinitionProblem>();
        var form = FormDefinitionReader.Read(json, problems);
        if (problems.Count > 0 || form is null)
        {
            throw new FormDefinitionException(problems);
        }

        return form;
    }

    public static FormDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(JsonElement.Parse(json));
    }

    public FormAction? FindAction(string key) => Actions.FirstOrDefault(a => a.Key == key);
}
