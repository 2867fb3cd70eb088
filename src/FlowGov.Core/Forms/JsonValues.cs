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
        JsonValueKind.String => IsBlank(e),
        JsonValueKind.Array => e.GetArrayLength() == 0,
        _ => false,
    };

    /// <summary>Whether a string holds only white space, without allocating it in the common cases.</summary>
    private static bool IsBlank(JsonElement e)
    {
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e);
        var inner = raw.Length >= 2 && raw[0] == (byte)'"' ? raw[1..^1] : raw;
        foreach (var b in inner)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                continue;
            }

            // An escape, or a UTF-8 lead byte of a Unicode space (U+00A0, U+1680, U+2000–U+205F, the
            // ideographic space U+3000): decide on the decoded text. Any other byte is content.
            return b is (byte)'\\' or 0xC2 or 0xE1 or 0xE2 or 0xE3 && string.IsNullOrWhiteSpace(e.GetString());
        }

        return true;
    }

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
