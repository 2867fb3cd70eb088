using FlowGov.Core.Scripting;

namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>Stands in for the Jint host until branch <c>scripting</c> lands: these definitions use no scripts.</summary>
public sealed class NoScriptHost : IScriptHost
{
    public ScriptPreparation Prepare(string source, ScriptKind kind) =>
        new(null, new ScriptError(ScriptErrorKind.Syntax, "Scripts are not available in these tests."));

    public ScriptResult Run(PreparedScript script, ScriptScope scope) =>
        ScriptResult.Failure(new ScriptError(ScriptErrorKind.Runtime, "Scripts are not available in these tests."));
}
