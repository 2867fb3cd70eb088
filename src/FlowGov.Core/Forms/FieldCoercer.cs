using System.Globalization;
using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// Turns a sent JSON value into the canonical value of its field kind, or a problem. Empty input
/// (null, blank string, empty array) becomes <see cref="JsonValueKind.Undefined"/>. When the sent
/// value is already canonical it is reused as is (no allocation on the keystroke path).
/// </summary>
internal static class FieldCoercer
{
    private const NumberStyles NumberStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
        | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    public static FieldProblem? Coerce(CompiledField f, JsonElement raw, FormContext ctx, out JsonElement value)
    {
        value = default;
        if (JsonValues.IsEmpty(raw))
        {
            return null;
        }

        switch (f.Kind)
        {
            case FieldKind.Text:
            case FieldKind.Textarea:
                if (raw.ValueKind == JsonValueKind.String)
                {
                    value = raw;
                    return null;
                }

                if (raw.ValueKind == JsonValueKind.Number)
                {
                    value = JsonValues.String(raw.GetRawText());
                    return null;
                }

                return new("type.text");

            case FieldKind.Number:
            case FieldKind.Integer:
            case FieldKind.Money:
            case FieldKind.Rating:
                return CoerceNumber(f, raw, out value);

            case FieldKind.Date:
            {
                var original = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : null;
                var s = original?.Trim();
                if (s is null || !ValueParsers.TryParseDate(s, out _))
                {
                    return new("type.date");
                }

                value = s.Length == original!.Length ? raw : JsonValues.String(s);
                return null;
            }

            case FieldKind.Datetime:
            {
                if (raw.ValueKind != JsonValueKind.String || !ValueParsers.TryParseDateTime(raw.GetString()!.Trim(), ctx.Calendar.TimeZone, out var dt))
                {
                    return new("type.datetime");
                }

                var s = ValueParsers.FormatDateTime(dt);
                value = raw.ValueEquals(s) ? raw : JsonValues.String(s);
                return null;
            }

            case FieldKind.Select:
            case FieldKind.Radio:
                if (raw.ValueKind == JsonValueKind.String)
                {
                    value = raw;
                    return null;
                }

                if (raw.ValueKind == JsonValueKind.Number)
                {
                    value = JsonValues.String(raw.GetRawText());
                    return null;
                }

                return new("option.invalid", "value", raw.GetRawText());

            case FieldKind.Checkboxes:
            case FieldKind.Multiselect:
                if (raw.ValueKind != JsonValueKind.Array)
                {
                    return new("type.list");
                }

                foreach (var item in raw.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new("option.invalid", "value", item.GetRawText());
                    }
                }

                value = raw;
                return null;

            case FieldKind.Boolean:
                if (raw.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = raw;
                    return null;
                }

                if (raw.ValueKind == JsonValueKind.String && raw.GetString() is "true" or "false")
                {
                    value = raw.ValueEquals("true") ? JsonValues.True : JsonValues.False;
                    return null;
                }

                return new("type.boolean");

            case FieldKind.Mobile:
                return CoerceString(raw, ValueParsers.Mobile().IsMatch, "mobile.format", out value);

            case FieldKind.Email:
                return CoerceString(raw, s => s.Length <= 254 && ValueParsers.Email().IsMatch(s), "email.format", out value);

            case FieldKind.Idcard:
            {
                if (raw.ValueKind != JsonValueKind.String)
                {
                    return new("idcard.format");
                }

                var s = raw.GetString()!.Trim().ToUpperInvariant();
                var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ctx.Now, ctx.Calendar.TimeZone).DateTime);
                if (ValueParsers.CheckIdCard(s, today) is { } key)
                {
                    return new(key);
                }

                value = raw.ValueEquals(s) ? raw : JsonValues.String(s);
                return null;
            }

            case FieldKind.Person:
                return CoerceString(raw, IsId, "person.format", out value);

            case FieldKind.Orgunit:
                return CoerceString(raw, IsId, "orgunit.format", out value);

            case FieldKind.Category:
                return CoerceString(raw, IsId, "category.unknown", out value);

            case FieldKind.Photo:
            case FieldKind.File:
            {
                if (raw.ValueKind != JsonValueKind.Array)
                {
                    return new("type.list");
                }

                var canonical = true;
                foreach (var item in raw.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new("attachment.id");
                    }

                    var s = item.GetString()!;
                    if (!ValueParsers.Sha256Hex().IsMatch(s))
                    {
                        if (!ValueParsers.Sha256Hex().IsMatch(s.ToLowerInvariant()))
                        {
                            return new("attachment.id");
                        }

                        canonical = false;
                    }
                }

                value = canonical ? raw : JsonValues.Build(w =>
                {
                    w.WriteStartArray();
                    foreach (var item in raw.EnumerateArray())
                    {
                        w.WriteStringValue(item.GetString()!.ToLowerInvariant());
                    }

                    w.WriteEndArray();
                });
                return null;
            }

            case FieldKind.Location:
                return CoerceLocation(raw, out value);

            case FieldKind.Group:
            case FieldKind.Info:
            default:
                return null;
        }
    }

    private static bool IsId(string s) => s.Length is > 0 and <= 64 && !s.Any(char.IsWhiteSpace);

    private static FieldProblem? CoerceString(JsonElement raw, Func<string, bool> valid, string key, out JsonElement value)
    {
        value = default;
        if (raw.ValueKind != JsonValueKind.String)
        {
            return new(key);
        }

        var original = raw.GetString()!;
        var s = original.Trim();
        if (!valid(s))
        {
            return new(key);
        }

        value = s.Length == original.Length ? raw : JsonValues.String(s);
        return null;
    }

    private static FieldProblem? CoerceNumber(CompiledField f, JsonElement raw, out JsonElement value)
    {
        value = default;
        var typeKey = f.Kind switch
        {
            FieldKind.Integer => "type.integer",
            FieldKind.Money => "type.money",
            FieldKind.Rating => "rating.range",
            _ => "type.number",
        };
        decimal d;
        var fromString = false;
        if (raw.ValueKind == JsonValueKind.Number)
        {
            if (!raw.TryGetDecimal(out d))
            {
                return Range(f, typeKey);
            }
        }
        else if (raw.ValueKind == JsonValueKind.String
                 && decimal.TryParse(raw.GetString(), NumberStyle, CultureInfo.InvariantCulture, out d))
        {
            fromString = true;
        }
        else
        {
            return Range(f, typeKey);
        }

        switch (f.Kind)
        {
            case FieldKind.Integer:
            case FieldKind.Rating:
                if (decimal.Truncate(d) != d || d > long.MaxValue || d < long.MinValue)
                {
                    return Range(f, typeKey);
                }

                if (f.Kind == FieldKind.Rating && (d < (f.MinNumber ?? 1) || d > (f.MaxNumber ?? 5)))
                {
                    return Range(f, typeKey);
                }

                d = decimal.Truncate(d);
                value = !fromString && IsPlainInteger(raw) ? raw : JsonValues.Number(d);
                return null;

            case FieldKind.Money:
                if (decimal.Round(d, 2) != d)
                {
                    return new("money.decimals");
                }

                value = !fromString ? raw : JsonValues.Number(d);
                return null;

            default:
                value = !fromString ? raw : JsonValues.Number(d);
                return null;
        }
    }

    private static FieldProblem Range(CompiledField f, string key) =>
        key == "rating.range" ? new(key, "min", f.MinArg, "max", f.MaxArg) : new(key);

    private static bool IsPlainInteger(JsonElement raw)
    {
        var text = raw.GetRawText();
        return text.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && text != "-0";
    }

    private static FieldProblem? CoerceLocation(JsonElement raw, out JsonElement value)
    {
        value = default;
        if (raw.ValueKind != JsonValueKind.Object
            || !raw.TryGetProperty("lat", out var latJson) || latJson.ValueKind != JsonValueKind.Number
            || !raw.TryGetProperty("lng", out var lngJson) || lngJson.ValueKind != JsonValueKind.Number)
        {
            return new("location.format");
        }

        var lat = latJson.GetDouble();
        var lng = lngJson.GetDouble();
        if (lat is < -90 or > 90 || double.IsNaN(lat))
        {
            return new("location.lat");
        }

        if (lng is < -180 or > 180 || double.IsNaN(lng))
        {
            return new("location.lng");
        }

        string? address = null;
        if (raw.TryGetProperty("address", out var a) && a.ValueKind != JsonValueKind.Null)
        {
            if (a.ValueKind != JsonValueKind.String || a.GetString()!.Length > 200)
            {
                return new("location.address");
            }

            address = a.GetString();
        }

        var extra = false;
        foreach (var p in raw.EnumerateObject())
        {
            extra |= p.Name is not ("lat" or "lng" or "address");
        }

        value = !extra ? raw : JsonValues.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("lat");
            latJson.WriteTo(w);
            w.WritePropertyName("lng");
            lngJson.WriteTo(w);
            if (address is not null)
            {
                w.WriteString("address", address);
            }

            w.WriteEndObject();
        });
        return null;
    }
}
