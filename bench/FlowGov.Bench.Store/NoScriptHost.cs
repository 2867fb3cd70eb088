using FlowGov.Core.Scripting;

namespace FlowGov.Bench.Store;

/// <summary>The benchmark definitions use no scripts.</summary>
internal sealed class NoScriptHost : IScriptHost
{
    public ScriptPreparation Prepare(string source, ScriptKind kind) =>
        new(null, new ScriptError(ScriptErrorKind.Syntax, "Scripts are not used by the store benchmarks."));

    public ScriptResult Run(PreparedScript script, ScriptScope scope) =>
        ScriptResult.Failure(new ScriptError(ScriptErrorKind.Runtime, "Scripts are not used by the store benchmarks."));
}
