using System.Text.Json;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The outcome of a run: the script's value as JSON (undefined and functions become null), the
/// variables it wrote when the scope allowed it, or an error.
/// </summary>
public readonly record struct ScriptResult(JsonElement Value, IReadOnlyDictionary<string, JsonElement>? WrittenVars, ScriptError? Error)
{
    public bool Ok => Error is null;

    /// <summary>JavaScript truthiness of <see cref="Value"/> (false for null, 0, "", false).</summary>
    public bool IsTruthy => Value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.Number => Value.GetDouble() is var d && d != 0 && !double.IsNaN(d),
        JsonValueKind.String => Value.GetString()!.Length > 0,
        JsonValueKind.Object or JsonValueKind.Array => true,
        _ => false,
    };

    public static ScriptResult Failure(ScriptError error) => new(default, null, error);
}
