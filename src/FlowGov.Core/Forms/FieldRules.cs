using System.Globalization;
using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>The static rules of a field, checked on a coerced, non-empty value.</summary>
internal static class FieldRules
{
    public static FieldProblem? Check(CompiledField f, JsonElement value, IReadOnlyList<FieldOption>? options, FormContext ctx)
    {
        var def = f.Definition;
        switch (f.Kind)
        {
            case FieldKind.Number:
            case FieldKind.Integer:
            case FieldKind.Money:
            {
                var d = value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : 0m;
                if (f.MinNumber is { } min && d < min)
                {
                    return new("number.min", "min", f.MinArg);
                }

                if (f.MaxNumber is { } max && d > max)
                {
                    return new("number.max", "max", f.MaxArg);
                }

                return null;
            }

            case FieldKind.Date:
            case FieldKind.Datetime:
                return CheckDateBounds(f, value.GetString()!, ctx);

            case FieldKind.Select:
            case FieldKind.Radio:
            {
                var v = value.GetString()!;
                return IsOption(f, options, v) ? null : new("option.invalid", "value", v);
            }

            case FieldKind.Checkboxes:
            case FieldKind.Multiselect:
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in value.EnumerateArray())
                {
                    var v = item.GetString()!;
                    if (!IsOption(f, options, v))
                    {
                        return new("option.invalid", "value", v);
                    }

                    if (!seen.Add(v))
                    {
                        return new("option.duplicate", "value", v);
                    }
                }

                return CheckCount(f, seen.Count);
            }

            case FieldKind.Photo:
            case FieldKind.File:
            {
                if (CheckCount(f, value.GetArrayLength()) is { } countProblem)
                {
                    return countProblem;
                }

                if (ctx.Attachments is not { } known)
                {
                    return null;
                }

                foreach (var item in value.EnumerateArray())
                {
                    if (!known.TryGetValue(item.GetString()!, out var record))
                    {
                        return new("attachment.unknown");
                    }

                    if (record.Size > f.Limits!.MaxSizeBytes)
                    {
                        return new("attachment.tooLarge", "max", f.Limits.MaxSizeBytes.ToString(CultureInfo.InvariantCulture));
                    }

                    if (!f.Limits.Accepts(record.ContentType))
                    {
                        return new("attachment.type", "type", record.ContentType);
                    }
                }

                return null;
            }

            case FieldKind.Person:
                return ctx.Directory is { } users && !users.IsUser(value.GetString()!) ? new("person.unknown") : null;

            case FieldKind.Orgunit:
                return ctx.Directory is { } units && !units.IsOrgUnit(value.GetString()!) ? new("orgunit.unknown") : null;

            case FieldKind.Category:
            {
                if (ctx.Taxonomy is not { } taxonomy)
                {
                    return null;
                }

                var node = taxonomy.Find(value.GetString()!);
                if (node is null)
                {
                    return new("category.unknown");
                }

                if (!node.IsItem)
                {
                    return new("category.notItem");
                }

                return def.TaxonomyRoot is { } root && node.DutyCode != root ? new("category.outsideRoot") : null;
            }

            default:
                break;
        }

        if (FieldKinds.IsString(f.Kind) && value.ValueKind == JsonValueKind.String)
        {
            var s = value.GetString()!;
            if (def.MinLength is { } minLength && s.Length < minLength)
            {
                return new("text.minLength", "min", minLength.ToString(CultureInfo.InvariantCulture));
            }

            if (def.MaxLength is { } maxLength && s.Length > maxLength)
            {
                return new("text.maxLength", "max", maxLength.ToString(CultureInfo.InvariantCulture));
            }

            if (f.Pattern is { } pattern && !SafeMatch(pattern, s))
            {
                return new("text.pattern");
            }
        }

        return null;
    }

    private static bool SafeMatch(System.Text.RegularExpressions.Regex pattern, string s)
    {
        try
        {
            return pattern.IsMatch(s);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool IsOption(CompiledField f, IReadOnlyList<FieldOption>? options, string v)
    {
        if (options is null)
        {
            return false;
        }

        if (ReferenceEquals(options, f.Definition.Options))
        {
            return f.StaticOptionValues!.Contains(v);
        }

        foreach (var o in options)
        {
            if (o.Value == v)
            {
                return true;
            }
        }

        return false;
    }

    private static FieldProblem? CheckCount(CompiledField f, int count)
    {
        if (f.Definition.MinCount is { } min && count < min)
        {
            return new("count.min", "min", min.ToString(CultureInfo.InvariantCulture));
        }

        if (f.MaxCount is { } max && count > max)
        {
            return new("count.max", "max", max.ToString(CultureInfo.InvariantCulture));
        }

        return null;
    }

    private static FieldProblem? CheckDateBounds(CompiledField f, string s, FormContext ctx)
    {
        if (f.Kind == FieldKind.Date)
        {
            if (f.MinText is not null && string.CompareOrdinal(s, f.MinText) < 0)
            {
                return new("date.min", "min", f.MinText);
            }

            if (f.MaxText is not null && string.CompareOrdinal(s, f.MaxText) > 0)
            {
                return new("date.max", "max", f.MaxText);
            }

            return null;
        }

        var zone = ctx.Calendar.TimeZone;
        ValueParsers.TryParseDateTime(s, zone, out var v);
        if (f.MinText is not null && ValueParsers.TryParseDateTime(f.MinText, zone, out var min) && v < min)
        {
            return new("date.min", "min", f.MinText);
        }

        if (f.MaxText is not null && ValueParsers.TryParseDateTime(f.MaxText, zone, out var max) && v > max)
        {
            return new("date.max", "max", f.MaxText);
        }

        return null;
    }
}
