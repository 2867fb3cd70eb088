using System.Text.Json;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// Finds every problem in a form definition for the designer and the publish step: unknown
/// properties and kinds, duplicate keys, bad regular expressions, missing options, bad bounds and
/// defaults, and scripts that do not parse (prepared on the engine's script host, with line and column).
/// </summary>
public static class FormDefinitionValidator
{
    public static IReadOnlyList<FormDefinitionProblem> Validate(JsonElement json, IScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<FormDefinitionProblem>();
        var form = FormDefinitionReader.Read(json, problems);
        if (form is null)
        {
            return problems;
        }

        var context = new FormContext();
        foreach (var f in form.AllFields)
        {
            CheckField(f, f.Key, host, context, problems);
            foreach (var c in f.Fields ?? [])
            {
                CheckField(c, f.Key + "." + c.Key, host, context, problems);
            }
        }

        CheckScript(host, form.Validate, "", "validate", problems);
        return problems;
    }

    private static void CheckField(FieldDefinition f, string path, IScriptHost host, FormContext context, List<FormDefinitionProblem> problems)
    {
        CheckScript(host, f.VisibleWhen, path, "visibleWhen", problems);
        CheckScript(host, f.RequiredWhen, path, "requiredWhen", problems);
        CheckScript(host, f.ReadOnlyWhen, path, "readOnlyWhen", problems);
        CheckScript(host, f.Compute, path, "compute", problems);
        CheckScript(host, f.Validate, path, "validate", problems);
        CheckScript(host, f.OptionsScript, path, "options", problems);
        if (f.Default is { } d && f.Kind != FieldKind.Group)
        {
            var compiled = new CompiledField(f with { VisibleWhen = null, RequiredWhen = null, ReadOnlyWhen = null, Compute = null, Validate = null, OptionsScript = null, Fields = null }, 0, path, host);
            var problem = FieldCoercer.Coerce(compiled, d, context, out var value);
            problem ??= value.ValueKind == JsonValueKind.Undefined || f.Options is null ? null : FieldRules.Check(compiled, value, f.Options, context);
            if (problem is { } p)
            {
                problems.Add(new(path, "default", "the default value is not valid: " + p.ToError(path, f.Label).MessageEn));
            }
        }
    }

    private static void CheckScript(IScriptHost host, string? source, string path, string property, List<FormDefinitionProblem> problems)
    {
        if (FormScript.Prepare(host, source, property) is { PrepareError: { } error })
        {
            problems.Add(new(path, property, error.Message, error.Line, error.Column));
        }
    }
}
