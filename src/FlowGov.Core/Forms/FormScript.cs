using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// A designer-written form script, prepared once. A script that parses as an ES5 expression is run
/// as one (<c>form.age &gt;= 18</c>); otherwise as a function body (<c>if (…) { return "…"; }</c>).
/// </summary>
internal sealed class FormScript
{
    private FormScript(string property, PreparedScript? script, ScriptError? error)
    {
        Property = property;
        Script = script;
        PrepareError = error;
    }

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
            return new FormScript(property, asExpression.Script, null);
        }

        var asBody = host.Prepare(source, ScriptKind.Body);
        if (asBody.Ok)
        {
            return new FormScript(property, asBody.Script, null);
        }

        var looksLikeBody = source.Contains("return", StringComparison.Ordinal) || source.Contains(';', StringComparison.Ordinal);
        return new FormScript(property, null, looksLikeBody ? asBody.Error : asExpression.Error);
    }

    public ScriptResult Run(IScriptHost host, ScriptScope scope) =>
        Script is null ? ScriptResult.Failure(PrepareError!) : host.Run(Script, scope);
}
