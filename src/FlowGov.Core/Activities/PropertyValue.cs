using System.Text.Json;

namespace FlowGov.Core.Activities;

/// <summary>A property that is either a literal JSON value or a script (<c>{"js": "…"}</c>) evaluated at run time.</summary>
public sealed record PropertyValue(JsonElement? Literal, ScriptProperty? Script)
{
    public bool IsScript => Script is not null;
}
