namespace FlowGov.Core.Scripting;

public enum ScriptKind
{
    /// <summary>A single ES5 expression whose value is the result, e.g. <c>vars.amount &gt; 100</c>.</summary>
    Expression,

    /// <summary>ES5 statements run as a function body; <c>return x;</c> gives the result (undefined → null).</summary>
    Body,
}
