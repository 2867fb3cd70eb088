using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// The result of <see cref="FormValidator.Validate"/>: either the clean values to store (a JSON
/// object) or every error — never both, never partially applied.
/// </summary>
public sealed class FormValidationResult
{
    private FormValidationResult(JsonElement? values, IReadOnlyList<FormError> errors)
    {
        Values = values;
        Errors = errors;
    }

    /// <summary>The clean values; null when <see cref="IsValid"/> is false.</summary>
    public JsonElement? Values { get; }

    public IReadOnlyList<FormError> Errors { get; }

    public bool IsValid => Values is not null;

    internal static FormValidationResult Success(JsonElement values) => new(values, []);

    internal static FormValidationResult Failure(IReadOnlyList<FormError> errors) => new(null, errors);
}
