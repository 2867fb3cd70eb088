namespace FlowGov.Core.Scripting;

/// <summary>
/// The one scripting host of FlowGov (Jint, ES5.1). Every designer-written script — activity
/// conditions, form rules, matching scores — is prepared and run through it, under the same limits.
/// </summary>
public interface IScriptHost
{
    /// <summary>
    /// Parses <paramref name="source"/> once (cached by source hash). Never throws for bad source:
    /// a syntax error comes back as <see cref="ScriptPreparation.Error"/> with line and column,
    /// with an ES5 hint for <c>=&gt;</c>, <c>let</c>, <c>const</c> and template strings.
    /// </summary>
    ScriptPreparation Prepare(string source, ScriptKind kind);

    /// <summary>
    /// Runs a prepared script against plain data. Never throws for script faults (syntax, runtime,
    /// limits): they come back as <see cref="ScriptResult.Error"/>. The engine that ran it is
    /// left clean for the next run.
    /// </summary>
    ScriptResult Run(PreparedScript script, ScriptScope scope);
}
