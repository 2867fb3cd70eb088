using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using static FlowGov.Core.Tests.Validation.ValidationTestSupport;

namespace FlowGov.Core.Tests.Validation;

public sealed partial class DefinitionSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoRoot(), "docs", "schema", "definition.schema.json");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static JsonSchemaChecker Checker() => new(JsonNode.Parse(File.ReadAllText(SchemaPath))!);

    [Fact]
    public void SchemaFile_ComparedWithRegistry_IsUpToDate()
    {
        var generated = DefinitionSchemaGenerator.Generate(ActivityRegistry.Default);
        if (Environment.GetEnvironmentVariable("FLOWGOV_UPDATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(SchemaPath)!);
            File.WriteAllText(SchemaPath, generated.ToJsonString(Indented) + "\n");
        }

        Assert.True(JsonNode.DeepEquals(generated, JsonNode.Parse(File.ReadAllText(SchemaPath))),
            "docs/schema/definition.schema.json is out of date with the activity registry; run the tests with FLOWGOV_UPDATE_DOCS=1.");
    }

    public static TheoryData<string> DefinitionFiles()
    {
        var root = RepoRoot();
        var samples = Directory.GetFiles(Path.Combine(root, "tests", "FlowGov.Core.Tests", "Validation", "Samples"), "*.json");
        var workflows = Path.Combine(root, "workflows");
        var library = Directory.Exists(workflows) ? Directory.GetFiles(workflows, "*.json", SearchOption.AllDirectories).Where(f => !IsLibraryData(workflows, f)) : [];
        var data = new TheoryData<string>();
        foreach (var f in samples.Concat(library).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, f).Replace('\\', '/'));
        }

        return data;
    }

    /// <summary>
    /// Data the library ships beside its definitions (the event taxonomy in <c>workflows/taxonomy/</c>)
    /// is not a definition: every file under a <c>taxonomy</c> folder of <c>workflows/</c> is skipped.
    /// </summary>
    public static bool IsLibraryData(string workflows, string file) =>
        Path.GetRelativePath(workflows, file).Replace('\\', '/').Split('/') is var parts && parts.Length > 1 && parts[0] == "taxonomy";

    [Fact]
    public void DefinitionFiles_Found_IncludeAtLeastOneSample()
    {
        Assert.Contains(((IEnumerable<object[]>)DefinitionFiles()).Select(row => (string)row[0]), f => f.StartsWith("tests/", StringComparison.Ordinal));
    }

    [Fact]
    public void DefinitionFiles_Found_IncludeLibraryButNotTaxonomyData()
    {
        var files = ((IEnumerable<object[]>)DefinitionFiles()).Select(row => (string)row[0]).ToList();

        Assert.Contains("workflows/grid-event.json", files);
        Assert.DoesNotContain(files, f => f.StartsWith("workflows/taxonomy/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DefinitionFiles))]
    public void DefinitionFile_CheckedAgainstSchemaAndValidator_HasNoProblems(string file)
    {
        var json = File.ReadAllText(Path.Combine(RepoRoot(), file));

        var schemaErrors = Checker().Check(JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }));

        Assert.True(schemaErrors.Count == 0, file + " breaks the schema:\n" + string.Join("\n", schemaErrors));
        NoProblems(Validate(DefinitionJson.Parse(json)));
    }

    [Fact]
    public void FormatDocExample_CheckedAgainstSchemaAndValidator_HasNoProblems()
    {
        var doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "definition-format.md"));
        var json = JsonBlock().Match(doc).Groups[1].Value;

        Assert.Empty(Checker().Check(JsonNode.Parse(json)));
        NoProblems(Validate(DefinitionJson.Parse(json)));
    }

    [Theory]
    [InlineData("""{"id": "x", "type": "Teleport"}""", "$.activities[1].type")]
    [InlineData("""{"id": "x", "type": "Delay"}""", "$.activities[1]: missing required 'properties'")]
    [InlineData("""{"id": "x", "type": "Delay", "properties": {}}""", "missing required 'duration'")]
    [InlineData("""{"id": "x", "type": "Delay", "properties": {"duration": "3 days"}}""", "$.activities[1].properties.duration")]
    [InlineData("""{"id": "x", "type": "UserTask", "properties": {"formkey": "f"}}""", "$.activities[1].properties.formkey")]
    [InlineData("""{"id": "x", "type": "Join", "properties": {"mode": "most"}}""", "$.activities[1].properties.mode")]
    [InlineData("""{"id": "x", "type": "UserTask", "properties": {"candidateRoles": 3}}""", "$.activities[1].properties.candidateRoles")]
    [InlineData("""{"id": "x", "type": "Switch", "properties": {"cases": [{"port": "a"}]}}""", "missing required 'condition'")]
    [InlineData("""{"type": "End"}""", "missing required 'id'")]
    public void Schema_BrokenActivity_IsRejectedAtItsPath(string activity, string expected)
    {
        var errors = Checker().Check(JsonNode.Parse($$"""{"key": "k", "name": "n", "activities": [{"id": "s", "type": "Start"}, {{activity}}]}"""));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"key": "Bad", "name": "n"}""", "$.key")]
    [InlineData("""{"name": "n"}""", "missing required 'key'")]
    [InlineData("""{"key": "k", "name": "n", "variables": [{"name": "a-b"}]}""", "$.variables[0].name")]
    [InlineData("""{"key": "k", "name": "n", "connections": [{"from": "a"}]}""", "missing required 'to'")]
    [InlineData("""{"key": "k", "name": "n", "triggers": [{"id": "t", "type": "cron"}]}""", "missing required 'cron'")]
    [InlineData("""{"key": "k", "name": "n", "triggers": [{"id": "t", "type": "webhook"}]}""", "$.triggers[0].type")]
    [InlineData("""{"key": "k", "name": "n", "version": 1.5}""", "$.version")]
    public void Schema_BrokenDefinition_IsRejectedAtItsPath(string json, string expected)
    {
        var errors = Checker().Check(JsonNode.Parse(json));

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
