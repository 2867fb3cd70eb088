using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>The result of <see cref="FormEvaluator.Evaluate"/>: the state of every field and row, keyed by path.</summary>
public sealed class FormEvaluation
{
    internal FormEvaluation(Dictionary<string, FieldState> fields, IReadOnlyList<FormError> errors, JsonElement values)
    {
        Fields = fields;
        Errors = errors;
        Values = values;
    }

    /// <summary>Every field (<c>phone</c>) and every row sub-field (<c>parties[0].phone</c>), in form order.</summary>
    public IReadOnlyDictionary<string, FieldState> Fields { get; }

    /// <summary>Every error: field errors (also on their <see cref="FieldState"/>) and form-level ones (empty path).</summary>
    public IReadOnlyList<FormError> Errors { get; }

    /// <summary>The values as the scripts last saw them: coerced, defaulted and computed.</summary>
    public JsonElement Values { get; }

    public bool IsValid => Errors.Count == 0;

    public FieldState this[string path] => Fields[path];
}
