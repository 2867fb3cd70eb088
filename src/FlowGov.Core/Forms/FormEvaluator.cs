using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// Evaluates a form on every keystroke: for each field and each row of a repeating group, whether it
/// is visible, required and read-only, its (computed) value, its options and its first error.
/// Lean by design: scripts are prepared once in <see cref="CompiledForm"/>, and the <c>form</c>
/// object scripts see is rebuilt only when a compute changed a value.
/// </summary>
public static class FormEvaluator
{
    public static FormEvaluation Evaluate(CompiledForm form, JsonElement values, FormContext context)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(context);
        return FormRun.Evaluate(form, values, context);
    }
}
