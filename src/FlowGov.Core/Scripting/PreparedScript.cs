namespace FlowGov.Core.Scripting;

/// <summary>A script that parsed; hand it back to <see cref="IScriptHost.Run"/>. Cheap to keep and share across threads.</summary>
public sealed class PreparedScript
{
    internal PreparedScript(string source, ScriptKind kind, string hash, object compiled)
    {
        Source = source;
        Kind = kind;
        Hash = hash;
        Compiled = compiled;
    }

    public string Source { get; }

    public ScriptKind Kind { get; }

    /// <summary>SHA-256 of kind + source, the cache key.</summary>
    public string Hash { get; }

    /// <summary>The host's parsed form (a Jint program); opaque to everyone else.</summary>
    internal object Compiled { get; }
}
