using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>Small JSON values built on the rare paths where a coerced value differs from what was sent.</summary>
internal static class JsonValues
{
    private static readonly JsonElement[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => JsonElement.Parse(i.ToString(CultureInfo.InvariantCulture)))];

    public static readonly JsonElement True = JsonElement.Parse("true");
    public static readonly JsonElement False = JsonElement.Parse("false");
    public static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    public static JsonElement Int(int i) => i is >= 0 and < 256 ? SmallInts[i] : JsonElement.Parse(i.ToString(CultureInfo.InvariantCulture));

    public static JsonElement Number(decimal d) => JsonElement.Parse(d.ToString(CultureInfo.InvariantCulture));

    public static JsonElement String(string s) => Build(w => w.WriteStringValue(s));

    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    public static bool IsEmpty(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => true,
        JsonValueKind.String => string.IsNullOrWhiteSpace(e.GetString()),
        JsonValueKind.Array => e.GetArrayLength() == 0,
        _ => false,
    };

    /// <summary>Follows a path such as <c>a.b</c> into an object.</summary>
    public static bool TryFollow(JsonElement root, ReadOnlySpan<char> path, out JsonElement value)
    {
        value = root;
        foreach (var range in path.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(path[range], out value))
            {
                return false;
            }
        }

        return true;
    }
}
