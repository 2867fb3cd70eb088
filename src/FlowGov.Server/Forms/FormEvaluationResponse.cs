using System.Text.Json;
using FlowGov.Core.Forms;

namespace FlowGov.Server.Forms;

/// <summary>Core's <see cref="FormEvaluation"/> as JSON: an empty value is null rather than an undefined element.</summary>
public sealed record FormEvaluationResponse(IReadOnlyDictionary<string, FieldStateResponse> Fields, IReadOnlyList<FormError> Errors, JsonElement Values, bool IsValid)
{
    public static FormEvaluationResponse From(FormEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var fields = evaluation.Fields.ToDictionary(f => f.Key, f => FieldStateResponse.From(f.Value), StringComparer.Ordinal);
        return new(fields, evaluation.Errors, evaluation.Values, evaluation.IsValid);
    }
}

/// <summary>One field's state; <c>value</c>, <c>options</c>, <c>error</c> and <c>row</c> are always present (null when empty).</summary>
public sealed record FieldStateResponse(
    string Path,
    string Key,
    FieldKind Kind,
    bool Visible,
    bool Required,
    bool ReadOnly,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] JsonElement? Value,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] IReadOnlyList<FieldOption>? Options,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] FormError? Error,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)] int? Row)
{
    public static FieldStateResponse From(FieldState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.Path, state.Key, state.Kind, state.Visible, state.Required, state.ReadOnly,
            state.Value.ValueKind == JsonValueKind.Undefined ? null : state.Value, state.Options, state.Error, state.Row);
    }
}
