using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Golden;

/// <summary>
/// Instance state saved by earlier versions of FlowGov must keep loading and resuming. The files
/// under Golden/v1 were written by schema version 1 and are never regenerated casually: when the
/// state shape changes, add a v2 folder and keep v1 passing (upgrade on load).
/// Regenerate a folder only with FLOWGOV_WRITE_GOLDEN=/abs/path/to/Golden/vN.
/// </summary>
public sealed class GoldenStateTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden", "v1");

    [Fact]
    public void GoldenV1_Definition_StillCompiles()
    {
        var h = new EngineHarness();

        Assert.True(h.Compiler.Compile(LoadDefinition()).Ok);
    }

    [Fact]
    public void GoldenV1_WaitingInstance_LoadsAndResumesToCompletion()
    {
        var h = new EngineHarness();
        var compiled = h.Compiler.Compile(LoadDefinition()).Definition!;
        var instance = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Folder, "instance-waiting.json")), EngineJson.Default.WorkflowInstance)!;
        Assert.Equal(1, instance.SchemaVersion);
        Assert.Equal(2, instance.Tasks.Count(t => t.ActivityId == "views"));
        Assert.Equal(DeadlineState.OnTime, instance.Tasks.Single(t => t.ActivityId == "handle").DeadlineState);

        h.Clock.SetUtcNow(instance.UpdatedAt);
        foreach (var task in instance.Tasks.ToList())
        {
            var outcome = h.Runner.Resume(compiled, instance, task.BookmarkId, new ResumeInput("u-golden", null, EngineHarness.Json(new { view = "同意" })));
            Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        }

        var box = instance.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote);
        foreach (var voter in new[] { "h1", "h2", "h3" })
        {
            Assert.Equal(ResumeStatus.Resumed, h.Runner.Resume(compiled, instance, box.Id, new ResumeInput(voter, "approve")).Status);
        }

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.True(instance.Variables["tally"].GetProperty("passed").GetBoolean());
        Assert.Equal(2, instance.Variables["views"].GetArrayLength());
    }

    [Fact]
    public void GoldenV1_OverdueTimer_FiresEscalationPort()
    {
        var h = new EngineHarness();
        var compiled = h.Compiler.Compile(LoadDefinition()).Definition!;
        var instance = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Folder, "instance-waiting.json")), EngineJson.Default.WorkflowInstance)!;
        var overdue = instance.Bookmarks.Single(b => b.Tag == Ports.Overdue);
        h.Clock.SetUtcNow(overdue.DueAt!.Value);

        var outcome = h.Runner.Resume(compiled, instance, overdue.Id, new ResumeInput("system:timer"));

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        Assert.Equal(DeadlineState.Overdue, instance.Tasks.Single(t => t.ActivityId == "handle").DeadlineState);
        Assert.Contains(outcome.Result!.Notifications, n => n.ActivityId == "escalate");
    }

    [Fact]
    public async Task GoldenV1_Writer_OnlyWhenAsked()
    {
        var target = Environment.GetEnvironmentVariable("FLOWGOV_WRITE_GOLDEN");
        var h = new EngineHarness().Publish(Definition());
        var i = await h.StartAsync("golden", new { departments = new[] { "住建局" } });
        Assert.True(i.Tasks.Count == 3, string.Join("; ", i.Incidents.Select(x => x.Message)));
        if (string.IsNullOrEmpty(target))
        {
            return;
        }

        Directory.CreateDirectory(target);
        var options = new JsonSerializerOptions(EngineJson.Default.Options) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await File.WriteAllTextAsync(Path.Combine(target, "definition.json"), JsonSerializer.Serialize(Definition(), options));
        await File.WriteAllTextAsync(Path.Combine(target, "instance-waiting.json"), JsonSerializer.Serialize(i, options));
    }

    private static WorkflowDefinition LoadDefinition() =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Folder, "definition.json")), EngineJson.Default.WorkflowDefinition)!;

    private static WorkflowDefinition Definition() => new FlowBuilder("golden")
        .Variable("departments", Array.Empty<string>()).Variable("views").Variable("tally")
        .Add("start", "Start").Add("fork", "Fork")
        .Add("views", "MultiInstanceTask", new { items = "['业委会'].concat(vars.departments)", resultVariable = "views", title = new { js = "item + '意见'" } })
        .Add("handle", "UserTask", new { due = "3WD", warning = "2/3", candidateRoles = new[] { "handler" } })
        .Add("escalate", "Notify", new { title = "督办：超时未办结", roles = new[] { "supervisor" } })
        .Add("join", "Join", new { mode = "all" })
        .Add("vote", "Vote", new { voters = new[] { "h1", "h2", "h3" }, closeAfter = "P7D", quorum = 0.6667, threshold = 0.9, resultVariable = "tally" })
        .Add("end", "End")
        .Connect("start", "fork").Connect("fork", "views").Connect("fork", "handle")
        .Connect("views", "join").Connect("handle", "join").Connect("handle", "escalate", Ports.Overdue)
        .Connect("join", "vote").Connect("vote", "end", "passed").Connect("vote", "end", "failed").Build();
}
