namespace FlowGov.Core.Scripting;

/// <summary>The outcome of <see cref="IScriptHost.Prepare"/>: a prepared script or a syntax error.</summary>
public readonly record struct ScriptPreparation(PreparedScript? Script, ScriptError? Error)
{
    public bool Ok => Script is not null;
}
