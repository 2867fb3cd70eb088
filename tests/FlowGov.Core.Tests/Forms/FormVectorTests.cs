using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Forms.Attachments;

namespace FlowGov.Core.Tests.Forms;

/// <summary>Runs every case of <c>tests/vectors/forms/*.json</c> (format in its README.md) through the server evaluator and validator.</summary>
public sealed class FormVectorTests
{
    private static readonly DateTimeOffset DefaultNow = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly string Directory = FindVectors();

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal))
        {
            foreach (var c in Load(file).GetProperty("cases").EnumerateArray())
            {
                data.Add(Path.GetFileName(file), c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    [Fact]
    public void Vectors_Exist_AtLeastTwentyFiveCases()
    {
        Assert.True(Cases().Count >= 25);
        Assert.True(File.Exists(Path.Combine(Directory, "README.md")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vector_Case_MatchesExpectedOutput(string file, string name)
    {
        var root = Load(Path.Combine(Directory, file));
        var c = root.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        var formJson = c.GetProperty("form");
        if (formJson.ValueKind == JsonValueKind.String)
        {
            formJson = root.GetProperty("forms").GetProperty(formJson.GetString()!);
        }

        Assert.Empty(FormDefinitionValidator.Validate(formJson, FormKit.Host));
        var form = CompiledForm.Compile(FormDefinition.Parse(formJson), FormKit.Host);
        var context = BuildContext(root.TryGetProperty("defaultContext", out var dc) ? dc : default, c.TryGetProperty("context", out var cc) ? cc : default);
        var values = c.GetProperty("values");
        var checkedSomething = false;

        if (c.TryGetProperty("evaluate", out var expectedStates))
        {
            checkedSomething = true;
            var evaluation = FormEvaluator.Evaluate(form, values, context);
            foreach (var expected in expectedStates.EnumerateObject())
            {
                Assert.True(evaluation.Fields.TryGetValue(expected.Name, out var state), $"no field state for {expected.Name}");
                foreach (var p in expected.Value.EnumerateObject())
                {
                    var where = $"{expected.Name}.{p.Name}";
                    switch (p.Name)
                    {
                        case "visible":
                            Assert.True(p.Value.GetBoolean() == state.Visible, where);
                            break;
                        case "required":
                            Assert.True(p.Value.GetBoolean() == state.Required, where);
                            break;
                        case "readOnly":
                            Assert.True(p.Value.GetBoolean() == state.ReadOnly, where);
                            break;
                        case "value":
                            Assert.True(Equivalent(p.Value, state.Value), $"{where}: expected {p.Value.GetRawText()}, got {Raw(state.Value)}");
                            break;
                        case "error":
                            Assert.True(p.Value.GetString() == state.Error?.Key, $"{where}: expected {p.Value.GetString() ?? "none"}, got {state.Error}");
                            break;
                        case "options":
                            Assert.Equal(p.Value.EnumerateArray().Select(o => o.GetString()), state.Options?.Select(o => o.Value) ?? []);
                            break;
                        default:
                            Assert.Fail($"unknown expectation {where}");
                            break;
                    }
                }
            }
        }

        if (c.TryGetProperty("validate", out var expectedResult))
        {
            checkedSomething = true;
            var action = c.TryGetProperty("action", out var a) ? a.GetString() : null;
            var result = FormValidator.Validate(form, values, context, action);
            var errors = string.Join("; ", result.Errors);
            Assert.True(expectedResult.GetProperty("valid").GetBoolean() == result.IsValid, $"valid: {result.IsValid} {errors}");
            if (expectedResult.TryGetProperty("values", out var expectedValues))
            {
                Assert.True(Equivalent(expectedValues, result.Values!.Value), $"values: got {result.Values.Value.GetRawText()}");
            }

            if (expectedResult.TryGetProperty("errors", out var expectedErrors))
            {
                var expectedSet = expectedErrors.EnumerateArray().Select(e => $"{e.GetProperty("path").GetString()}:{e.GetProperty("key").GetString()}").Order(StringComparer.Ordinal);
                var actualSet = result.Errors.Select(e => $"{e.Path}:{e.Key}").Order(StringComparer.Ordinal);
                Assert.Equal(expectedSet, actualSet);
            }
        }

        Assert.True(checkedSomething, "a case needs evaluate or validate");
    }

    private static FormContext BuildContext(JsonElement defaults, JsonElement overrides)
    {
        JsonElement Get(string name) =>
            overrides.ValueKind == JsonValueKind.Object && overrides.TryGetProperty(name, out var v) ? v
            : defaults.ValueKind == JsonValueKind.Object && defaults.TryGetProperty(name, out var d) ? d
            : default;

        var vars = Get("vars");
        var user = Get("user");
        var now = Get("now");
        var taxonomy = Get("taxonomy");
        var users = Get("users");
        var units = Get("orgUnits");
        var attachments = Get("attachments");
        return new FormContext
        {
            Vars = vars.ValueKind == JsonValueKind.Object ? vars.EnumerateObject().ToDictionary(p => p.Name, p => p.Value) : new Dictionary<string, JsonElement>(),
            User = user.ValueKind == JsonValueKind.Object
                ? new FormUser(
                    user.GetProperty("id").GetString()!,
                    user.TryGetProperty("roles", out var roles) ? [.. roles.EnumerateArray().Select(r => r.GetString()!)] : [],
                    user.TryGetProperty("unit", out var unit) ? unit.GetString() : null,
                    user.TryGetProperty("name", out var n) ? n.GetString() : null)
                : new FormUser("u-1", [], null),
            Instance = Get("instance") is { ValueKind: JsonValueKind.Object } i ? i : null,
            Task = Get("task") is { ValueKind: JsonValueKind.Object } t ? t : null,
            PreviousValues = Get("previous") is { ValueKind: JsonValueKind.Object } p ? p : null,
            Now = now.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(now.GetString()!, CultureInfo.InvariantCulture) : DefaultNow,
            Taxonomy = taxonomy.ValueKind == JsonValueKind.Array ? CategoryTaxonomy.Parse(taxonomy) : null,
            Directory = users.ValueKind == JsonValueKind.Array || units.ValueKind == JsonValueKind.Array
                ? new ListDirectory(Strings(users), Strings(units))
                : null,
            Attachments = attachments.ValueKind == JsonValueKind.Array
                ? attachments.EnumerateArray().ToDictionary(
                    x => x.GetProperty("hash").GetString()!,
                    x => new AttachmentRecord
                    {
                        Hash = x.GetProperty("hash").GetString()!,
                        Size = x.GetProperty("size").GetInt64(),
                        ContentType = x.GetProperty("contentType").GetString()!,
                        FileName = x.TryGetProperty("fileName", out var fn) ? fn.GetString()! : "file",
                    })
                : null,
        };
    }

    private static string[] Strings(JsonElement array) =>
        array.ValueKind == JsonValueKind.Array ? [.. array.EnumerateArray().Select(e => e.GetString()!)] : [];

    /// <summary>JSON equality where numbers compare by value (<c>2602</c> = <c>2602.0</c>) and null matches "no value".</summary>
    private static bool Equivalent(JsonElement expected, JsonElement actual)
    {
        if (expected.ValueKind == JsonValueKind.Null)
        {
            return actual.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            return false;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Number:
                return expected.GetDecimal() == actual.GetDecimal();
            case JsonValueKind.Object:
                var actualProps = actual.EnumerateObject().ToDictionary(p => p.Name, p => p.Value);
                return actualProps.Count == expected.EnumerateObject().Count()
                    && expected.EnumerateObject().All(p => actualProps.TryGetValue(p.Name, out var v) && Equivalent(p.Value, v));
            case JsonValueKind.Array:
                return expected.GetArrayLength() == actual.GetArrayLength()
                    && expected.EnumerateArray().Zip(actual.EnumerateArray()).All(x => Equivalent(x.First, x.Second));
            default:
                return JsonElement.DeepEquals(expected, actual);
        }
    }

    private static string Raw(JsonElement e) => e.ValueKind == JsonValueKind.Undefined ? "(none)" : e.GetRawText();

    private static JsonElement Load(string path) => JsonElement.Parse(File.ReadAllText(path));

    private static string FindVectors()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "vectors", "forms");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/vectors/forms not found above " + AppContext.BaseDirectory);
    }

    private sealed class ListDirectory(string[] users, string[] units) : IFormDirectory
    {
        public bool IsUser(string userId) => users.Contains(userId);

        public bool IsOrgUnit(string orgUnitId) => units.Contains(orgUnitId);
    }
}
