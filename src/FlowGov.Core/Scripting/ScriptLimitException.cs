namespace FlowGov.Core.Scripting;

/// <summary>
/// Thrown by the host's own guards (memory, nesting, output) from inside a run. It is not a
/// JavaScript exception, so a script's <c>try/catch</c> cannot swallow it.
/// </summary>
internal sealed class ScriptLimitException : Exception
{
    public ScriptLimitException(ScriptErrorKind kind, string message)
        : base(message) => Kind = kind;

    public ScriptLimitException()
        : this(ScriptErrorKind.Runtime, "script limit")
    {
    }

    public ScriptLimitException(string message)
        : this(ScriptErrorKind.Runtime, message)
    {
    }

    public ScriptLimitException(string message, Exception innerException)
        : base(message, innerException) => Kind = ScriptErrorKind.Runtime;

    public ScriptErrorKind Kind { get; }
}
