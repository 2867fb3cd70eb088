using FlowGov.Core.Scripting;

namespace FlowGov.CrashDriver;

/// <summary>The crash workflow has no scripts; keeps the driver's start-up (which happens hundreds of times) lean.</summary>
public sealed class NoScripts : IScriptHost
{
    public ScriptPreparation Prepare(string source, ScriptKind kind) => new(null, new ScriptError(ScriptErrorKind.Syntax, "no scripts"));

    public ScriptResult Run(PreparedScript script, ScriptScope scope) => ScriptResult.Failure(new ScriptError(ScriptErrorKind.Runtime, "no scripts"));
}
