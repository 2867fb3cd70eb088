using System.Text.RegularExpressions;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// A designer-written form script, prepared once. A script that parses as an ES5 expression is run
/// as one (<c>form.age &gt;= 18</c>); otherwise as a function body (<c>if (…) { return "…"; }</c>).
/// </summary>
internal sealed partial class FormScript
{
    private FormScript(string property, string source, PreparedScript? script, ScriptError? error)
    {
        Property = property;
        Script = script;
        PrepareError = error;
        var names = Globals().Matches(source).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        UsesForm = names.Contains("form");
        UsesUser = names.Contains("user");
        UsesInstance = names.Contains("instance");
        UsesTask = names.Contains("task");
    }

    /// <summary>
    /// Whether the source mentions <c>form</c> (or <c>user</c>, <c>instance</c>, <c>task</c>) at all. A
    /// script can reach a global only by its name (the host runs strict code without eval, Function or
    /// a global <c>this</c>), so a script that never names <c>form</c> is run without it and the host
    /// skips converting the whole form — which matters most for row scripts that only read <c>row</c>.
    /// </summary>
    public bool UsesForm { get; }

    public bool UsesUser { get; }

    public bool UsesInstance { get; }

    public bool UsesTask { get; }

    [GeneratedRegex(@"\b(form|user|instance|task)\b")]
    private static partial Regex Globals();

    /// <summary>visibleWhen, requiredWhen, readOnlyWhen, compute, validate or options.</summary>
    public string Property { get; }

    public PreparedScript? Script { get; }

    public ScriptError? PrepareError { get; }

    public static FormScript? Prepare(IScriptHost host, string? source, string property)
    {
        if (source is null)
        {
            return null;
        }

        var asExpression = host.Prepare(source, ScriptKind.Expression);
        if (asExpression.Ok)
        {
            return new FormScript(property, source, asExpression.Script, null);
        }

        var asBody = host.Prepare(source, ScriptKind.Body);
        if (asBody.Ok)
        {
            return new FormScript(property, source, asBody.Script, null);
        }

        var looksLikeBody = source.Contains("return", StringComparison.Ordinal) || source.Contains(';', StringComparison.Ordinal);
        return new FormScript(property, source, null, looksLikeBody ? asBody.Error : asExpression.Error);
    }

    public ScriptResult Run(IScriptHost host, ScriptScope scope) =>
        Script is null ? ScriptResult.Failure(PrepareError!) : host.Run(Script, scope);
}
