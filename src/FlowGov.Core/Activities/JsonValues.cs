using System.Globalization;
using System.Text.Json;

namespace FlowGov.Core.Activities;

/// <summary>Reading script results and literals as the plain values activities need.</summary>
public static class JsonValues
{
    public static IReadOnlyList<string> ToStringList(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => [.. value.EnumerateArray().Select(AsText).Where(s => s.Length > 0)],
        JsonValueKind.String or JsonValueKind.Number => AsText(value) is { Length: > 0 } s ? [s] : [],
        _ => [],
    };

    public static string? ToText(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? null : AsText(value);

    public static bool TryGetInstant(JsonElement value, out DateTimeOffset instant)
    {
        instant = default;
        return value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    private static string AsText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString()!,
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "",
    };
}
