using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Forms;

/// <summary>Reads the form JSON into the model, collecting every problem instead of stopping at the first.</summary>
internal static partial class FormDefinitionReader
{
    private static readonly HashSet<string> FormProperties = ["key", "title", "description", "sections", "fields", "actions", "validate", "version", "ui"];

    private static readonly HashSet<string> SectionProperties = ["key", "title", "fields", "ui"];

    private static readonly HashSet<string> ActionProperties = ["key", "label", "style", "validate", "confirm", "ui"];

    private static readonly HashSet<string> FieldProperties =
    [
        "key", "kind", "label", "placeholder", "help", "required", "readOnly", "min", "max", "minLength", "maxLength",
        "pattern", "patternMessage", "options", "optionsFrom", "default", "visibleWhen", "requiredWhen", "readOnlyWhen",
        "compute", "validate", "minCount", "maxCount", "maxSizeBytes", "accept", "taxonomyRoot", "fields", "minRows",
        "maxRows", "text", "ui",
    ];

    private static readonly HashSet<string> ActionStyles = ["primary", "default", "danger", "link"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    internal static partial Regex Identifier();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex PortName();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex FormKey();

    public static FormDefinition? Read(JsonElement json, List<FormDefinitionProblem> problems)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("", "", "a form definition must be a JSON object"));
            return null;
        }

        CheckProperties(json, FormProperties, "", problems);
        var key = ReadString(json, "key", "", problems);
        if (key is null || !FormKey().IsMatch(key))
        {
            problems.Add(new("", "key", "the form needs a key: an English identifier (letters, digits, _ or -)"));
        }

        var sections = new List<FormSection>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (json.TryGetProperty("sections", out var sectionsJson))
        {
            if (json.TryGetProperty("fields", out _))
            {
                problems.Add(new("", "fields", "use either sections or fields, not both"));
            }

            if (sectionsJson.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new("", "sections", "must be an array"));
            }
            else
            {
                var i = 0;
                foreach (var s in sectionsJson.EnumerateArray())
                {
                    var where = $"sections[{i++}]";
                    if (s.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add(new("", where, "a section must be an object"));
                        continue;
                    }

                    CheckProperties(s, SectionProperties, where, problems);
                    sections.Add(new FormSection
                    {
                        Key = ReadString(s, "key", where, problems),
                        Title = ReadString(s, "title", where, problems),
                        Fields = ReadFields(s, "", seen, nested: false, problems),
                    });
                }
            }
        }
        else
        {
            sections.Add(new FormSection { Fields = ReadFields(json, "", seen, nested: false, problems) });
        }

        var actions = new List<FormAction>();
        if (json.TryGetProperty("actions", out var actionsJson))
        {
            if (actionsJson.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new("", "actions", "must be an array"));
            }
            else
            {
                var actionKeys = new HashSet<string>(StringComparer.Ordinal);
                var i = 0;
                foreach (var a in actionsJson.EnumerateArray())
                {
                    var where = $"actions[{i++}]";
                    if (a.ValueKind != JsonValueKind.Object)
                    {
                        problems.Add(new("", where, "an action must be an object"));
                        continue;
                    }

                    CheckProperties(a, ActionProperties, where, problems);
                    var actionKey = ReadString(a, "key", where, problems);
                    if (actionKey is null || !PortName().IsMatch(actionKey))
                    {
                        problems.Add(new("", where + ".key", "an action needs a key naming the outcome port (lower case, e.g. submit, approve, return)"));
                        continue;
                    }

                    if (!actionKeys.Add(actionKey))
                    {
                        problems.Add(new("", where + ".key", $"duplicate action key '{actionKey}'"));
                    }

                    var style = ReadString(a, "style", where, problems) ?? "default";
                    if (!ActionStyles.Contains(style))
                    {
                        problems.Add(new("", where + ".style", $"unknown style '{style}' (primary, default, danger, link)"));
                    }

                    actions.Add(new FormAction
                    {
                        Key = actionKey,
                        Label = ReadString(a, "label", where, problems) ?? actionKey,
                        Style = style,
                        Validate = ReadBool(a, "validate", where, problems) ?? true,
                        Confirm = ReadString(a, "confirm", where, problems),
                    });
                }
            }
        }

        return new FormDefinition
        {
            Key = key ?? "",
            Title = ReadString(json, "title", "", problems) ?? "",
            Description = ReadString(json, "description", "", problems),
            Sections = sections,
            Actions = actions,
            Validate = ReadString(json, "validate", "", problems),
        };
    }

    private static List<FieldDefinition> ReadFields(JsonElement owner, string parentPath, HashSet<string> seen, bool nested, List<FormDefinitionProblem> problems)
    {
        var fields = new List<FieldDefinition>();
        if (!owner.TryGetProperty("fields", out var fieldsJson))
        {
            return fields;
        }

        if (fieldsJson.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new(parentPath, "fields", "must be an array"));
            return fields;
        }

        var i = 0;
        foreach (var f in fieldsJson.EnumerateArray())
        {
            var field = ReadField(f, parentPath, i++, seen, nested, problems);
            if (field is not null)
            {
                fields.Add(field);
            }
        }

        return fields;
    }

    private static FieldDefinition? ReadField(JsonElement f, string parentPath, int index, HashSet<string> seen, bool nested, List<FormDefinitionProblem> problems)
    {
        var anon = parentPath.Length == 0 ? $"fields[{index}]" : $"{parentPath}.fields[{index}]";
        if (f.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new(anon, "", "a field must be an object"));
            return null;
        }

        var key = f.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
        if (key is null || !Identifier().IsMatch(key))
        {
            problems.Add(new(anon, "key", "a field needs a key: an English identifier (letter, then letters, digits or _)"));
            return null;
        }

        var path = parentPath.Length == 0 ? key : $"{parentPath}.{key}";
        if (!seen.Add(path))
        {
            problems.Add(new(path, "key", $"duplicate field key '{key}'"));
        }

        CheckProperties(f, FieldProperties, path, problems);
        var kindName = f.TryGetProperty("kind", out var kindJson) && kindJson.ValueKind == JsonValueKind.String ? kindJson.GetString()! : null;
        if (kindName is null)
        {
            problems.Add(new(path, "kind", "a field needs a kind"));
            return null;
        }

        if (!FieldKinds.TryParse(kindName, out var kind))
        {
            problems.Add(new(path, "kind", $"unknown kind '{kindName}' (known: {string.Join(", ", FieldKinds.Names)})"));
            return null;
        }

        IReadOnlyList<FieldOption>? options = null;
        string? optionsScript = null;
        if (f.TryGetProperty("options", out var optionsJson))
        {
            if (optionsJson.ValueKind == JsonValueKind.String)
            {
                optionsScript = optionsJson.GetString();
            }
            else if (optionsJson.ValueKind == JsonValueKind.Array)
            {
                options = ReadOptions(optionsJson, out var optionProblem);
                if (optionProblem is not null)
                {
                    problems.Add(new(path, "options", optionProblem));
                }
            }
            else
            {
                problems.Add(new(path, "options", "must be an array of {value, label} or a script string"));
            }
        }

        var optionsFrom = ReadString(f, "optionsFrom", path, problems);
        if (optionsFrom is not null && !OptionsPath().IsMatch(optionsFrom))
        {
            problems.Add(new(path, "optionsFrom", "must be a path such as vars.departments"));
        }

        var sources = (options is not null ? 1 : 0) + (optionsScript is not null ? 1 : 0) + (optionsFrom is not null ? 1 : 0);
        if (FieldKinds.HasOptions(kind) && sources == 0)
        {
            problems.Add(new(path, "options", $"a {kindName} field needs options, optionsFrom or an options script"));
        }
        else if (FieldKinds.HasOptions(kind) && sources > 1)
        {
            problems.Add(new(path, "options", "give only one of options, optionsFrom or an options script"));
        }
        else if (!FieldKinds.HasOptions(kind) && sources > 0)
        {
            problems.Add(new(path, "options", $"a {kindName} field takes no options"));
        }

        var pattern = ReadString(f, "pattern", path, problems);
        if (pattern is not null)
        {
            if (!FieldKinds.IsString(kind))
            {
                problems.Add(new(path, "pattern", $"a {kindName} field takes no pattern"));
            }
            else
            {
                try
                {
                    _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                }
                catch (ArgumentException e)
                {
                    problems.Add(new(path, "pattern", "not a valid regular expression: " + e.Message));
                }
            }
        }

        List<FieldDefinition>? children = null;
        if (kind == FieldKind.Group)
        {
            if (nested)
            {
                problems.Add(new(path, "kind", "groups cannot be nested"));
            }

            children = ReadFields(f, path, seen, nested: true, problems);
            if (children.Count == 0)
            {
                problems.Add(new(path, "fields", "a group needs at least one sub-field"));
            }
        }
        else if (f.TryGetProperty("fields", out _))
        {
            problems.Add(new(path, "fields", "only a group has sub-fields"));
        }

        var field = new FieldDefinition
        {
            Key = key,
            Kind = kind,
            Label = ReadString(f, "label", path, problems) ?? key,
            Placeholder = ReadString(f, "placeholder", path, problems),
            Help = ReadString(f, "help", path, problems),
            Required = ReadBool(f, "required", path, problems) ?? false,
            ReadOnly = ReadBool(f, "readOnly", path, problems) ?? false,
            Min = f.TryGetProperty("min", out var min) ? min.Clone() : null,
            Max = f.TryGetProperty("max", out var max) ? max.Clone() : null,
            MinLength = ReadInt(f, "minLength", path, problems),
            MaxLength = ReadInt(f, "maxLength", path, problems),
            Pattern = pattern,
            PatternMessage = ReadText(f, "patternMessage", path, problems),
            Options = options,
            OptionsFrom = optionsFrom,
            OptionsScript = optionsScript,
            Default = f.TryGetProperty("default", out var def) ? def.Clone() : null,
            VisibleWhen = ReadString(f, "visibleWhen", path, problems),
            RequiredWhen = ReadString(f, "requiredWhen", path, problems),
            ReadOnlyWhen = ReadString(f, "readOnlyWhen", path, problems),
            Compute = ReadString(f, "compute", path, problems),
            Validate = ReadString(f, "validate", path, problems),
            MinCount = ReadInt(f, "minCount", path, problems),
            MaxCount = ReadInt(f, "maxCount", path, problems),
            MaxSizeBytes = ReadLong(f, "maxSizeBytes", path, problems),
            Accept = ReadStrings(f, "accept", path, problems),
            TaxonomyRoot = ReadString(f, "taxonomyRoot", path, problems),
            Fields = children,
            MinRows = ReadInt(f, "minRows", path, problems),
            MaxRows = ReadInt(f, "maxRows", path, problems),
            Text = ReadString(f, "text", path, problems),
        };
        CheckBounds(field, path, problems);
        return field;
    }

    private static void CheckBounds(FieldDefinition field, string path, List<FormDefinitionProblem> problems)
    {
        foreach (var (name, bound) in new[] { ("min", field.Min), ("max", field.Max) })
        {
            if (bound is not { } b)
            {
                continue;
            }

            var ok = field.Kind switch
            {
                _ when FieldKinds.IsNumeric(field.Kind) => b.ValueKind == JsonValueKind.Number && b.TryGetDecimal(out _),
                FieldKind.Date => b.ValueKind == JsonValueKind.String && ValueParsers.TryParseDate(b.GetString()!, out _),
                FieldKind.Datetime => b.ValueKind == JsonValueKind.String && ValueParsers.TryParseDateTime(b.GetString()!, TimeZoneInfo.Utc, out _),
                _ => false,
            };
            if (!ok)
            {
                problems.Add(new(path, name, FieldKinds.IsNumeric(field.Kind) || field.Kind is FieldKind.Date or FieldKind.Datetime
                    ? $"{name} of a {FieldKinds.ToName(field.Kind)} field must be a {(FieldKinds.IsNumeric(field.Kind) ? "number" : "ISO date string")}"
                    : $"a {FieldKinds.ToName(field.Kind)} field takes no {name} (use minLength/maxLength, minCount/maxCount or minRows/maxRows)"));
            }
        }

        if ((field.MinLength is not null || field.MaxLength is not null) && !FieldKinds.IsString(field.Kind))
        {
            problems.Add(new(path, "minLength", $"a {FieldKinds.ToName(field.Kind)} field takes no minLength/maxLength"));
        }

        if ((field.MinCount is not null || field.MaxCount is not null) && !FieldKinds.IsList(field.Kind))
        {
            problems.Add(new(path, "minCount", $"a {FieldKinds.ToName(field.Kind)} field takes no minCount/maxCount"));
        }

        if ((field.MinRows is not null || field.MaxRows is not null) && field.Kind != FieldKind.Group)
        {
            problems.Add(new(path, "minRows", "only a group takes minRows/maxRows"));
        }

        if ((field.MaxSizeBytes is not null || field.Accept is not null) && !FieldKinds.IsAttachment(field.Kind))
        {
            problems.Add(new(path, "accept", "only photo and file fields take maxSizeBytes/accept"));
        }

        if (field.Kind == FieldKind.Info && (field.Required || field.Compute is not null || field.Default is not null || field.Validate is not null))
        {
            problems.Add(new(path, "kind", "an info field holds no value: no required, default, compute or validate"));
        }

        foreach (var (name, lo, hi) in new[] { ("minLength", field.MinLength, field.MaxLength), ("minCount", field.MinCount, field.MaxCount), ("minRows", field.MinRows, field.MaxRows) })
        {
            if (lo < 0 || hi < 0 || lo > hi)
            {
                problems.Add(new(path, name, "bounds must be non-negative and min ≤ max"));
            }
        }
    }

    [GeneratedRegex(@"^(vars|instance|task|user)(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    internal static partial Regex OptionsPath();

    internal static List<FieldOption>? ReadOptions(JsonElement array, out string? problem)
    {
        problem = null;
        var list = new List<FieldOption>(array.GetArrayLength());
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in array.EnumerateArray())
        {
            string? value = null;
            string? label = null;
            switch (o.ValueKind)
            {
                case JsonValueKind.String:
                    value = label = o.GetString();
                    break;
                case JsonValueKind.Number:
                    value = label = o.GetRawText();
                    break;
                case JsonValueKind.Object:
                    if (o.TryGetProperty("value", out var v))
                    {
                        value = v.ValueKind switch
                        {
                            JsonValueKind.String => v.GetString(),
                            JsonValueKind.Number => v.GetRawText(),
                            _ => null,
                        };
                    }

                    label = o.TryGetProperty("label", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : value;
                    break;
                default:
                    break;
            }

            if (value is null)
            {
                problem = "every option needs a string value";
                return null;
            }

            if (!values.Add(value))
            {
                problem = $"duplicate option value '{value}'";
            }

            list.Add(new FieldOption(value, label ?? value));
        }

        return list;
    }

    private static void CheckProperties(JsonElement obj, HashSet<string> known, string path, List<FormDefinitionProblem> problems)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (!known.Contains(p.Name) && !p.Name.StartsWith("x-", StringComparison.Ordinal))
            {
                problems.Add(new(path, p.Name, "unknown property (extensions start with x-)"));
            }
        }
    }

    private static string? ReadString(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            problems.Add(new(path, name, "must be a string"));
            return null;
        }

        return v.GetString();
    }

    private static bool? ReadBool(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problems.Add(new(path, name, "must be true or false"));
            return null;
        }

        return v.GetBoolean();
    }

    private static int? ReadInt(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        var l = ReadLong(obj, name, path, problems);
        if (l is > int.MaxValue)
        {
            problems.Add(new(path, name, "too large"));
            return null;
        }

        return (int?)l;
    }

    private static long? ReadLong(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var n))
        {
            problems.Add(new(path, name, "must be a whole number"));
            return null;
        }

        return n;
    }

    private static List<string>? ReadStrings(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            problems.Add(new(path, name, "must be an array of strings"));
            return null;
        }

        return [.. v.EnumerateArray().Select(e => e.GetString()!.ToLowerInvariant())];
    }

    private static LocalizedText? ReadText(JsonElement obj, string name, string path, List<FormDefinitionProblem> problems)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return LocalizedText.Same(v.GetString()!);
        }

        if (v.ValueKind == JsonValueKind.Object
            && v.TryGetProperty("zh-CN", out var zh) && zh.ValueKind == JsonValueKind.String)
        {
            var en = v.TryGetProperty("en", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : zh.GetString()!;
            return new LocalizedText(zh.GetString()!, en);
        }

        problems.Add(new(path, name, string.Create(CultureInfo.InvariantCulture, $"must be a string or {{\"zh-CN\": …, \"en\": …}}")));
        return null;
    }
}
