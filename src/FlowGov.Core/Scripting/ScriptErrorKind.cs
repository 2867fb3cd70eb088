namespace FlowGov.Core.Scripting;

public enum ScriptErrorKind
{
    Syntax,
    Runtime,
    Timeout,
    StatementLimit,
    RecursionLimit,
    MemoryLimit,
    OutputTooLarge,
}
