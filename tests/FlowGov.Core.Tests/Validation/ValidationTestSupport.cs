using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Tests.Validation;

internal static class ValidationTestSupport
{
    public static readonly DefinitionValidator Validator = new(new DefinitionCompiler(ActivityRegistry.Default, new JintScriptHost()));

    /// <summary>A definition around the given activities and connections (JSON array bodies), with optional extra top-level members.</summary>
    public static WorkflowDefinition Flow(string activities, string connections, string extra = "") => DefinitionJson.Parse($$"""
        {
          "key": "test-flow",
          "name": "测试流程",
          {{(extra.Length > 0 ? extra + "," : "")}}
          "activities": [{{activities}}],
          "connections": [{{connections}}]
        }
        """);

    public static ValidationReport Validate(WorkflowDefinition definition) => Validator.Validate(definition);

    public static ValidationReport Validate(string activities, string connections, string extra = "") => Validate(Flow(activities, connections, extra));

    /// <summary>The one problem with <paramref name="code"/>; fails listing all problems otherwise.</summary>
    public static DefinitionProblem Single(ValidationReport report, string code)
    {
        var matches = report.Problems.Where(p => p.Code == code).ToList();
        Assert.True(matches.Count == 1, $"Expected one '{code}', got {matches.Count}. Problems:\n{string.Join("\n", report.Problems)}");
        Assert.False(report.Ok);
        Assert.Null(report.Compiled);
        return matches[0];
    }

    public static void NoProblems(ValidationReport report) =>
        Assert.True(report.Ok, "Expected no problems, got:\n" + string.Join("\n", report.Problems));

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlowGov.sln not found above " + AppContext.BaseDirectory);
    }

    public const string StartToEnd = """{"id": "start", "type": "Start"}, {"id": "end", "type": "End"}""";
}
