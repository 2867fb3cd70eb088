using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Tests.Validation;

/// <summary>
/// A small JSON Schema (2020-12) checker for the subset our definition schema uses: type,
/// required, properties, additionalProperties, enum, const, items, pattern, allOf, anyOf, if/then,
/// and local <c>$ref</c> into <c>$defs</c>. No package is served for this, and we need little.
/// </summary>
internal sealed class JsonSchemaChecker(JsonNode root)
{
    public List<string> Check(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(root, instance, "$", errors);
        return errors;
    }

    private void Check(JsonNode schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema is not JsonObject s)
        {
            if (schema.GetValueKind() == JsonValueKind.False)
            {
                errors.Add($"{path}: not allowed");
            }

            return;
        }

        if (s["$ref"] is { } r)
        {
            Check(Resolve(r.GetValue<string>()), value, path, errors);
        }

        if (s["type"] is { } type && !TypeMatches(type, value))
        {
            errors.Add($"{path}: expected {type.ToJsonString()}, got {Kind(value)}");
            return;
        }

        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString() ?? "null"} is not one of {options.ToJsonString()}");
        }

        if (s["const"] is { } c && !JsonNode.DeepEquals(c, value))
        {
            errors.Add($"{path}: must be {c.ToJsonString()}");
        }

        if (s["pattern"] is { } pattern && value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && !Regex.IsMatch(v.GetValue<string>(), pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: '{v.GetValue<string>()}' does not match {pattern.GetValue<string>()}");
        }

        if (value is JsonObject obj)
        {
            CheckObject(s, obj, path, errors);
        }

        if (value is JsonArray arr && s["items"] is { } items)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                Check(items, arr[i], $"{path}[{i}]", errors);
            }
        }

        if (s["allOf"] is JsonArray all)
        {
            foreach (var sub in all)
            {
                Check(sub!, value, path, errors);
            }
        }

        if (s["anyOf"] is JsonArray any && !any.Any(sub => Check(sub!, value, path).Count == 0))
        {
            errors.Add($"{path}: matches none of {any.Count} alternatives");
        }

        if (s["if"] is { } condition && Check(condition, value, path).Count == 0 && s["then"] is { } then)
        {
            Check(then, value, path, errors);
        }
    }

    private List<string> Check(JsonNode schema, JsonNode? value, string path)
    {
        var errors = new List<string>();
        Check(schema, value, path, errors);
        return errors;
    }

    private void CheckObject(JsonObject s, JsonObject obj, string path, List<string> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required.Select(n => n!.GetValue<string>()).Where(n => !obj.ContainsKey(n)))
            {
                errors.Add($"{path}: missing required '{name}'");
            }
        }

        var properties = s["properties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is { } p)
            {
                Check(p, child, $"{path}.{name}", errors);
            }
            else if (s["additionalProperties"] is { } extra)
            {
                Check(extra, child, $"{path}.{name}", errors);
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException("Only local references are supported: " + reference);
        }

        JsonNode? node = root;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part];
        }

        return node ?? throw new InvalidOperationException("Unresolved $ref " + reference);
    }

    private static bool TypeMatches(JsonNode type, JsonNode? value) =>
        type is JsonArray types ? types.Any(t => TypeMatches(t!, value)) : type.GetValue<string>() switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => Kind(value) == "string",
            "boolean" => Kind(value) == "boolean",
            "null" => value is null,
            "number" => Kind(value) == "number",
            "integer" => Kind(value) == "number" && decimal.TryParse(value!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d),
            var t => throw new NotSupportedException("type " + t),
        };

    private static string Kind(JsonNode? value) => value is null ? "null" : value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
