using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;

namespace FlowGov.Core.Scripting;

/// <summary>Plain JSON in, plain JSON out: fresh JS values per run, and results capped in size and depth.</summary>
internal static class JsonInterop
{
    /// <summary>Deepest result accepted (the same as System.Text.Json's default reader depth).</summary>
    public const int MaxDepth = 64;

    public static readonly JsonElement Null = Parse("null");
    public static readonly JsonElement True = Parse("true");
    public static readonly JsonElement False = Parse("false");

    public static JsValue ToJs(Engine engine, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return new JsValue(element.GetString()!);
            case JsonValueKind.Number:
                return new JsValue(element.GetDouble());
            case JsonValueKind.True:
                return JsValue.True;
            case JsonValueKind.False:
                return JsValue.False;
            case JsonValueKind.Object:
                var obj = engine.Object.Construct(Arguments.Empty);
                foreach (var property in element.EnumerateObject())
                {
                    obj.FastAddProperty(property.Name, ToJs(engine, property.Value), true, true, true);
                }

                return obj;
            case JsonValueKind.Array:
                var items = new JsValue[element.GetArrayLength()];
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    items[i++] = ToJs(engine, item);
                }

                var array = engine.Array.Construct(Arguments.Empty);
                if (items.Length > 0)
                {
                    engine.Array.PrototypeObject.Push(array, items);
                }

                return array;
            default:
                return JsValue.Null;
        }
    }

    public static ObjectInstance ToJsObject(Engine engine, IReadOnlyDictionary<string, JsonElement> values)
    {
        var obj = engine.Object.Construct(Arguments.Empty);
        foreach (var (key, value) in values)
        {
            obj.FastAddProperty(key, ToJs(engine, value), true, true, true);
        }

        return obj;
    }

    /// <summary>The JSON of a script value: undefined and functions → null, Dates → ISO strings, NaN/±Infinity → null.</summary>
    public static JsonElement ToJson(JsValue value, int maxBytes)
    {
        if (value.IsBoolean())
        {
            return value.AsBoolean() ? True : False;
        }

        if (value.IsNull() || value.IsUndefined())
        {
            return Null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = MaxDepth + 2 }))
        {
            Write(writer, value, 0, maxBytes);
            writer.Flush();
            if (writer.BytesCommitted > maxBytes)
            {
                throw TooLarge(maxBytes);
            }
        }

        return JsonElement.Parse(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsValue value, int depth, int maxBytes)
    {
        if (writer.BytesPending + writer.BytesCommitted > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (value.IsString())
        {
            var s = value.AsString();
            if (s.Length > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            writer.WriteStringValue(s);
            return;
        }

        if (value.IsNumber())
        {
            var d = value.AsNumber();
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteNumberValue(d);
            }

            return;
        }

        if (value.IsBoolean())
        {
            writer.WriteBooleanValue(value.AsBoolean());
            return;
        }

        if (!value.IsObject() || value.AsObject() is ICallable)
        {
            writer.WriteNullValue();
            return;
        }

        if (depth >= MaxDepth)
        {
            throw new ScriptLimitException(ScriptErrorKind.OutputTooLarge, $"the result is nested deeper than {MaxDepth} levels (or refers to itself)");
        }

        var obj = value.AsObject();
        switch (obj.Class)
        {
            case "Date":
                var t = value.AsDate().PrimitiveValue;
                if (double.IsNaN(t))
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue(FormatIso(t));
                }

                return;
            case "String" or "Number" or "Boolean":
                Write(writer, TypeConverter.ToPrimitive(value), depth, maxBytes);
                return;
        }

        if (obj is ArrayInstance)
        {
            var length = TypeConverter.ToUint32(obj.Get("length"));
            writer.WriteStartArray();
            for (uint i = 0; i < length; i++)
            {
                var item = obj.GetOwnProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Write(writer, item.IsDataDescriptor() ? item.Value ?? JsValue.Undefined : JsValue.Undefined, depth + 1, maxBytes);
            }

            writer.WriteEndArray();
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, descriptor) in obj.GetOwnProperties())
        {
            // Accessors are not called after the run; hidden and function-valued properties are skipped (as JSON.stringify does).
            if (descriptor.Enumerable != true || !descriptor.IsDataDescriptor() || descriptor.Value is not { } v || v.IsUndefined() || (v.IsObject() && v.AsObject() is ICallable))
            {
                continue;
            }

            writer.WritePropertyName(name);
            Write(writer, v, depth + 1, maxBytes);
        }

        writer.WriteEndObject();
    }

    public static string FormatIso(double epochMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)epochMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static ScriptLimitException TooLarge(int maxBytes) =>
        new(ScriptErrorKind.OutputTooLarge, $"the result is larger than {maxBytes / 1024} KB of JSON");

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
