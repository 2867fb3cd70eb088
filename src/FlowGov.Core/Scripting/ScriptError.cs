namespace FlowGov.Core.Scripting;

/// <summary>What went wrong in a script, where (1-based line and column in the designer's source), and which limit tripped.</summary>
public sealed record ScriptError(ScriptErrorKind Kind, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is null ? $"{Kind}: {Message}" : $"{Kind} at line {Line}, column {Column}: {Message}";
}
