using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// The authoritative check of a submission: unknown fields are rejected, values are coerced to their
/// kinds, computed fields are recomputed (what the client sent is ignored), read-only fields keep
/// their stored value (<see cref="FormContext.PreviousValues"/>), hidden fields are dropped, and
/// every rule and script runs. The result is the clean values or every error — never a mix.
/// </summary>
public static class FormValidator
{
    /// <param name="action">
    /// The button pressed (an outcome port). When the action has <c>validate: false</c> (e.g.
    /// <c>return</c>), required checks, <c>minRows</c> and <c>validate</c> scripts are skipped; types,
    /// static rules and cleaning still apply. An action the form does not define is an error.
    /// </param>
    public static FormValidationResult Validate(CompiledForm form, JsonElement values, FormContext context, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(context);
        if (values.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            return FormValidationResult.Failure([FormMessages.Error("", "form.type")]);
        }

        var enforceRequired = true;
        if (action is not null && form.Definition.Actions.Count > 0)
        {
            if (!form.ActionsByKey.TryGetValue(action, out var a))
            {
                return FormValidationResult.Failure([FormMessages.Error("", "action.unknown", ("action", action))]);
            }

            enforceRequired = a.Validate;
        }

        return FormRun.Validate(form, values, context, enforceRequired);
    }
}
