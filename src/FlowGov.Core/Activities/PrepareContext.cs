using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Activities;

/// <summary>
/// Reads one activity's properties at prepare time, reporting every problem with its property
/// (and script line) instead of stopping at the first.
/// </summary>
public sealed class PrepareContext
{
    private readonly List<DefinitionProblem> _problems;

    internal PrepareContext(WorkflowDefinition workflow, ActivityDefinition activity, IScriptHost scripts, List<DefinitionProblem> problems)
    {
        Workflow = workflow;
        Activity = activity;
        Scripts = scripts;
        _problems = problems;
    }

    public WorkflowDefinition Workflow { get; }

    public ActivityDefinition Activity { get; }

    public IScriptHost Scripts { get; }

    public void Problem(string code, string property, string message, int? line = null, int? column = null) =>
        _problems.Add(new DefinitionProblem(code, message) { ActivityId = Activity.Id, Property = property, Line = line, Column = column });

    public JsonElement? Raw(string name) =>
        Activity.Properties.TryGetValue(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    public string? Text(string name, bool required = false)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (required)
            {
                Missing(name);
            }

            return null;
        }

        if (raw.Value.ValueKind != JsonValueKind.String)
        {
            Problem("property-type", name, $"'{name}' must be text.");
            return null;
        }

        var s = raw.Value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(s))
        {
            Missing(name);
            return null;
        }

        return s;
    }

    public double? Number(string name, bool required = false, double? min = null, double? max = null)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (required)
            {
                Missing(name);
            }

            return null;
        }

        if (raw.Value.ValueKind != JsonValueKind.Number)
        {
            Problem("property-type", name, $"'{name}' must be a number.");
            return null;
        }

        var d = raw.Value.GetDouble();
        if ((min is { } low && d < low) || (max is { } high && d > high))
        {
            Problem("property-range", name, $"'{name}' must be between {Show(min)} and {Show(max)}; it is {d.ToString(CultureInfo.InvariantCulture)}.");
            return null;
        }

        return d;

        static string Show(double? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "…";
    }

    public bool Boolean(string name, bool defaultValue)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            return defaultValue;
        }

        if (raw.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return raw.Value.GetBoolean();
        }

        Problem("property-type", name, $"'{name}' must be true or false.");
        return defaultValue;
    }

    public string? Choice(string name, IReadOnlyList<string> options, string? defaultValue)
    {
        var s = Text(name);
        if (s is null)
        {
            return defaultValue;
        }

        if (!options.Contains(s))
        {
            Problem("property-choice", name, $"'{name}' must be one of {string.Join(", ", options)}; it is '{s}'.");
            return defaultValue;
        }

        return s;
    }

    public ProcessDuration? Duration(string name, bool required = false)
    {
        var s = Text(name, required);
        if (s is null)
        {
            return null;
        }

        if (!ProcessDuration.TryParse(s, out var d))
        {
            Problem("bad-duration", name, $"'{s}' is not a duration: write ISO 8601 such as P3D or PT72H, or working days such as 3WD.");
            return null;
        }

        return d;
    }

    /// <summary>
    /// A duration written as a literal (<c>"P7D"</c>, checked now) or computed at run time
    /// (<c>{"js": "vars.grade === 'A' ? 'P1M' : 'P3M'"}</c>, checked by <see cref="ActivityContext.TryEvaluateDuration"/>).
    /// </summary>
    public PropertyValue? DurationValue(string name, bool required = false)
    {
        if (Raw(name) is { ValueKind: JsonValueKind.Object } raw && raw.TryGetProperty("js", out _))
        {
            return ValueFrom(name, raw);
        }

        return Duration(name, required) is null ? null : new PropertyValue(Raw(name)!.Value.Clone(), null);
    }

    /// <summary>
    /// A number written as a literal (checked now against <paramref name="min"/>/<paramref name="max"/>) or
    /// computed at run time (<c>{"js": "forms.plan.threshold"}</c>, checked by <see cref="ActivityContext.TryEvaluateNumber"/>).
    /// </summary>
    public PropertyValue? NumberValue(string name, bool required = false, double? min = null, double? max = null)
    {
        if (Raw(name) is { ValueKind: JsonValueKind.Object } raw && raw.TryGetProperty("js", out _))
        {
            return ValueFrom(name, raw);
        }

        return Number(name, required, min, max) is null ? null : new PropertyValue(Raw(name)!.Value.Clone(), null);
    }

    /// <summary>A property whose value is ES5 source (a JSON string).</summary>
    public ScriptProperty? Script(string name, ScriptKind kind, bool required = false)
    {
        var s = Text(name, required);
        return s is null ? null : PrepareScript(name, s, kind);
    }

    /// <summary>A literal JSON value, or <c>{"js": "expression"}</c>.</summary>
    public PropertyValue? Value(string name, bool required = false)
    {
        var raw = Raw(name);
        if (raw is null)
        {
            if (required)
            {
                Missing(name);
            }

            return null;
        }

        return ValueFrom(name, raw.Value);
    }

    /// <summary>Reads a value-or-script from any JSON element (used for nested settings).</summary>
    public PropertyValue? ValueFrom(string property, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("js", out var js))
        {
            if (js.ValueKind != JsonValueKind.String)
            {
                Problem("property-type", property, $"'{property}.js' must be a script (text).");
                return null;
            }

            var script = PrepareScript(property, js.GetString()!, ScriptKind.Expression);
            return script is null ? null : new PropertyValue(null, script);
        }

        return new PropertyValue(element.Clone(), null);
    }

    public ScriptProperty? PrepareScript(string property, string source, ScriptKind kind)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            Problem("empty-script", property, $"'{property}' is an empty script.");
            return null;
        }

        var prepared = Scripts.Prepare(source, kind);
        if (!prepared.Ok)
        {
            var e = prepared.Error!;
            Problem("script-syntax", property, e.Message, e.Line, e.Column);
            return null;
        }

        return new ScriptProperty(Activity.Id, property, prepared.Script!);
    }

    public void Missing(string name) => Problem("missing-property", name, $"'{name}' is required.");
}
