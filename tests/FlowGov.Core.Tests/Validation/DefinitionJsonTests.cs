using FlowGov.Core.Definitions;
using static FlowGov.Core.Tests.Validation.ValidationTestSupport;

namespace FlowGov.Core.Tests.Validation;

public sealed class DefinitionJsonTests
{
    [Fact]
    public void Parse_SyntaxError_ReportsLineAndColumn()
    {
        const string json = "{\n  \"key\": \"a\",\n  \"name\": \"事件\" \"x\"\n}";

        var ex = Assert.Throws<DefinitionParseException>(() => DefinitionJson.Parse(json));

        // Line 3 is `  "name": "事件" "x"`: the unexpected string starts at character 16 (事件 counts as two characters, not six bytes).
        Assert.Equal(("invalid-json", 3, 16), (ex.Problem.Code, ex.Problem.Line, ex.Problem.Column));
    }

    [Fact]
    public void Parse_MissingRequiredMember_ReportsInvalidJson()
    {
        var ex = Assert.Throws<DefinitionParseException>(() => DefinitionJson.Parse("""{"key": "a", "name": "n", "activities": [{"type": "Start"}]}"""));

        Assert.Equal("invalid-json", ex.Problem.Code);
        Assert.Contains("id", ex.Problem.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Problem.Line);
    }

    [Fact]
    public void Parse_NullDocument_ReportsInvalidJson()
    {
        Assert.Equal("invalid-json", Assert.Throws<DefinitionParseException>(() => DefinitionJson.Parse("null")).Problem.Code);
    }

    [Fact]
    public void Parse_NullListElement_ReportsItsPath()
    {
        var ex = Assert.Throws<DefinitionParseException>(() => DefinitionJson.Parse("""{"key": "a", "name": "n", "connections": [null]}"""));

        Assert.Equal("connections[0]", ex.Problem.Path);
    }

    [Fact]
    public void Parse_AbsentMembers_ReadAsDefaults()
    {
        var d = DefinitionJson.Parse("""
            {"key": "a", "name": "n", "variables": [{"name": "v"}], "activities": [{"id": "s", "type": "Start"}], "connections": [{"from": "s", "to": "s"}]}
            """);

        Assert.Equal("any", d.Variables[0].Type);
        Assert.Empty(d.Activities[0].Properties);
        Assert.Equal(Ports.Done, d.Connections[0].Port);
        Assert.Empty(d.Forms);
        Assert.Empty(d.Triggers);
    }

    [Fact]
    public void Parse_NullActivityType_IsReportedNotThrown()
    {
        var report = Validate(DefinitionJson.Parse("""
            {"key": "a", "name": "n", "activities": [{"id": "s", "type": "Start"}, {"id": "x", "type": null}], "connections": [{"from": "s", "to": "x"}]}
            """));

        Assert.Equal("x", Single(report, "unknown-activity-type").ActivityId);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsContent()
    {
        var original = DefinitionJson.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests/FlowGov.Core.Tests/Validation/Samples/grid-event.json")));

        var json = DefinitionJson.Serialize(original);
        var again = DefinitionJson.Parse(json);

        Assert.Contains("\n  \"key\": \"grid-event\"", json, StringComparison.Ordinal);
        Assert.Contains("网格事件上报处置", json, StringComparison.Ordinal);
        Assert.Equal(DefinitionHasher.Hash(original), DefinitionHasher.Hash(again));
        Assert.Equal(json, DefinitionJson.Serialize(again));
    }

    [Fact]
    public void Parse_UnknownTopLevelMember_IsKeptAsExtension()
    {
        var d = DefinitionJson.Parse("""{"key": "a", "name": "n", "designer": {"zoom": 1.5}}""");

        Assert.True(d.Extensions!.ContainsKey("designer"));
        Assert.Contains("\"designer\"", DefinitionJson.Serialize(d), StringComparison.Ordinal);
    }
}
