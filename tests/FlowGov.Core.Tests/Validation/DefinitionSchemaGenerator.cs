using System.Text.Json.Nodes;
using FlowGov.Core.Activities;

namespace FlowGov.Core.Tests.Validation;

/// <summary>
/// Builds <c>docs/schema/definition.schema.json</c> from the activity registry, so the schema's
/// activity types and per-type properties cannot drift from the engine (a test compares the file).
/// </summary>
internal static class DefinitionSchemaGenerator
{
    public const string Duration = @"^([0-9]{1,4}\s*[Ww][Dd]|P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?)$";
    public const string Key = "^[a-z][a-z0-9-]*$";
    public const string JsIdentifier = @"^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]*$";

    public static JsonObject Generate(ActivityRegistry registry)
    {
        var descriptors = registry.Descriptors.OrderBy(d => d.Type, StringComparer.Ordinal).ToList();
        var defs = new JsonObject
        {
            ["variable"] = Obj(["name"], new()
            {
                ["name"] = new JsonObject { ["type"] = "string", ["pattern"] = JsIdentifier },
                ["type"] = new JsonObject { ["enum"] = Arr("string", "number", "boolean", "date", "object", "array", "any") },
                ["default"] = new JsonObject(),
                ["label"] = Str(),
            }),
            ["position"] = Obj(["x", "y"], new() { ["x"] = Num(), ["y"] = Num() }),
            ["connection"] = Obj(["from", "to"], new()
            {
                ["from"] = Str(),
                ["port"] = new JsonObject { ["type"] = "string", ["description"] = "Outcome port of 'from'; 'done' when omitted." },
                ["to"] = Str(),
            }),
            ["trigger"] = Trigger(),
            ["script"] = Obj(["js"], new() { ["js"] = new JsonObject { ["type"] = "string", ["description"] = "An ES5 expression evaluated at run time." } }),
            ["textOrScript"] = new JsonObject { ["anyOf"] = new JsonArray(Str(), Ref("script")) },
            ["listOrScript"] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "array", ["items"] = Str() }, Ref("script")) },
            ["activity"] = Activity(descriptors),
        };
        foreach (var d in descriptors)
        {
            var props = new Dictionary<string, JsonNode>();
            foreach (var p in d.Properties)
            {
                props[p.Name] = p.Computed && p.Kind != PropertyKind.Value
                    ? new JsonObject { ["anyOf"] = new JsonArray(PropertySchema(p), Ref("script")) }
                    : PropertySchema(p);
            }

            defs["properties-" + d.Type] = Obj([.. d.Properties.Where(p => p.Required).Select(p => p.Name)], props);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://flowgov.example/schema/definition.schema.json",
            ["title"] = "FlowGov workflow definition",
            ["description"] = "Generated from the activity registry by tests/FlowGov.Core.Tests/Validation/DefinitionSchemaGenerator.cs; run the tests with FLOWGOV_UPDATE_DOCS=1 to regenerate. See docs/definition-format.md.",
            ["type"] = "object",
            ["required"] = Arr("key", "name"),
            ["properties"] = new JsonObject
            {
                ["key"] = new JsonObject { ["type"] = "string", ["pattern"] = Key },
                ["name"] = Str(),
                ["description"] = Str(),
                // null (or absent) = a city-level template that districts fork and publish.
                ["district"] = new JsonObject { ["type"] = Arr("string", "null") },
                ["version"] = new JsonObject { ["type"] = "integer" },
                ["contentHash"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{64}$" },
                ["variables"] = new JsonObject { ["type"] = "array", ["items"] = Ref("variable") },
                ["activities"] = new JsonObject { ["type"] = "array", ["items"] = Ref("activity") },
                ["connections"] = new JsonObject { ["type"] = "array", ["items"] = Ref("connection") },
                ["forms"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "object" } },
                ["triggers"] = new JsonObject { ["type"] = "array", ["items"] = Ref("trigger") },
            },
            // Other top-level members are kept verbatim as extensions (designer settings, lineage).
            ["additionalProperties"] = true,
            ["$defs"] = defs,
        };
    }

    private static JsonObject Activity(List<ActivityDescriptor> descriptors)
    {
        var activity = Obj(["id", "type"], new()
        {
            ["id"] = Str(),
            ["type"] = new JsonObject { ["enum"] = Arr([.. descriptors.Select(d => d.Type)]) },
            ["name"] = Str(),
            ["properties"] = new JsonObject { ["type"] = "object" },
            ["position"] = Ref("position"),
        });
        activity["allOf"] = new JsonArray([.. descriptors.Select(d =>
        {
            var then = new JsonObject { ["properties"] = new JsonObject { ["properties"] = Ref("properties-" + d.Type) } };
            if (d.Properties.Any(p => p.Required))
            {
                then["required"] = Arr("properties");
            }

            return (JsonNode)new JsonObject
            {
                ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = d.Type } } },
                ["then"] = then,
            };
        })]);
        return activity;
    }

    private static JsonObject Trigger()
    {
        var trigger = Obj(["id", "type"], new()
        {
            ["id"] = Str(),
            ["type"] = new JsonObject { ["enum"] = Arr("cron", "signal") },
            ["cron"] = new JsonObject { ["type"] = "string", ["description"] = "Quartz cron, seconds first: sec min hour day-of-month month day-of-week [year]." },
            ["signal"] = Str(),
            ["input"] = new JsonObject(),
        });
        trigger["allOf"] = new JsonArray(
            new JsonObject { ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = "cron" } } }, ["then"] = new JsonObject { ["required"] = Arr("cron") } },
            new JsonObject { ["if"] = new JsonObject { ["properties"] = new JsonObject { ["type"] = new JsonObject { ["const"] = "signal" } } }, ["then"] = new JsonObject { ["required"] = Arr("signal") } });
        return trigger;
    }

    private static JsonObject PropertySchema(PropertyDescriptor p) => p.Kind switch
    {
        PropertyKind.Text or PropertyKind.Cron or PropertyKind.Expression or PropertyKind.Script or PropertyKind.FormKey => Str(),
        PropertyKind.Variable => new JsonObject { ["type"] = "string", ["pattern"] = JsIdentifier },
        PropertyKind.DefinitionKey => new JsonObject { ["type"] = "string", ["pattern"] = Key },
        PropertyKind.Number => Num(),
        PropertyKind.Boolean => new JsonObject { ["type"] = "boolean" },
        PropertyKind.Choice => new JsonObject { ["enum"] = Arr([.. p.Options ?? []]) },
        PropertyKind.Duration => new JsonObject { ["type"] = "string", ["pattern"] = Duration },
        PropertyKind.StringList or PropertyKind.Roles => Ref("listOrScript"),
        PropertyKind.OrgUnit => Ref("textOrScript"),
        PropertyKind.Cases => new JsonObject
        {
            ["type"] = "array",
            ["items"] = Obj(["port", "condition"], new() { ["port"] = Str(), ["condition"] = Str() }),
        },
        PropertyKind.Json => new JsonObject { ["type"] = "object" },
        _ => new JsonObject(), // Value: any JSON literal, or {"js": "…"}
    };

    private static JsonObject Obj(string[] required, Dictionary<string, JsonNode> properties)
    {
        var o = new JsonObject { ["type"] = "object" };
        if (required.Length > 0)
        {
            o["required"] = Arr(required);
        }

        o["properties"] = new JsonObject([.. properties.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);
        o["additionalProperties"] = false;
        return o;
    }

    private static JsonObject Str() => new() { ["type"] = "string" };

    private static JsonObject Num() => new() { ["type"] = "number" };

    private static JsonObject Ref(string def) => new() { ["$ref"] = "#/$defs/" + def };

    private static JsonArray Arr(params string[] items) => new([.. items.Select(i => (JsonNode)JsonValue.Create(i))]);
}
