using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Versioning;

/// <summary>Migrating running instances between versions on the in-memory store: nothing restarts, assignments and due times stay.</summary>
public sealed class MigrationTests
{
    private const string HandleForm = """{"title":"办理","fields":[{"key":"result","label":"结果","kind":"text"}]}""";
    private const string HandleFormV2 = """{"title":"办理","fields":[{"key":"result","label":"办理结果","kind":"text"},{"key":"photo","label":"照片","kind":"photo"}]}""";

    private static readonly Dictionary<string, string> Identity = [];

    private static WorkflowDefinition V1() => new FlowBuilder("p", 1).Variable("level", "small").Form("handle", HandleForm)
        .Add("start", "Start").Add("report", "UserTask").Add("handle", "UserTask", new { formKey = "handle", assignee = "u-dept", due = "P3D", warning = "P1D" }).Add("end", "End")
        .Chain("start", "report", "handle", "end").Build();

    /// <summary>v2 renames 'handle' to 'process', changes its form and adds a variable and a step.</summary>
    private static WorkflowDefinition V2() => new FlowBuilder("p", 2).Variable("level", "small").Variable("reviewed", false).Form("handle", HandleFormV2)
        .Add("start", "Start").Add("report", "UserTask").Add("process", "UserTask", new { formKey = "handle", assignee = "u-other", due = "P5D" }).Add("review", "UserTask").Add("end", "End")
        .Chain("start", "report", "process", "review", "end").Build();

    private static async Task<(EngineHarness H, WorkflowInstance I)> AtHandleAsync()
    {
        var h = new EngineHarness().Publish(V1()).Publish(V2());
        var i = await h.Engine.StartAsync("p", new StartRequest { StartedBy = "u-gw" }, version: 1);
        var instance = await h.ReloadAsync(i.Instance.Id);
        await h.CompleteAsync(instance, "report");
        h.Clock.Advance(TimeSpan.FromHours(2));
        return (h, await h.ReloadAsync(instance.Id));
    }

    [Fact]
    public async Task DryRun_TokenOnRemovedActivity_IsRefusedUnlessMapped()
    {
        var (h, i) = await AtHandleAsync();

        var refused = await h.Engine.MigrateAsync(i.Id, 1, 2, Identity, "u-admin", dryRun: true);
        var mapped = await h.Engine.MigrateAsync(i.Id, 1, 2, new Dictionary<string, string> { ["handle"] = "process" }, "u-admin", dryRun: true);

        Assert.False(refused.Ok);
        Assert.Contains(refused.Problems, p => p.Contains("'handle'", StringComparison.Ordinal) && p.Contains("activityMap", StringComparison.Ordinal));
        Assert.True(mapped.Ok, string.Join("\n", mapped.Problems));
        Assert.False(mapped.Applied);
        Assert.Contains("token at 'handle' moves to 'process'", mapped.Actions);
        Assert.Contains(mapped.Actions, a => a.Contains("form 'handle' changed", StringComparison.Ordinal) && a.Contains("photo", StringComparison.Ordinal));
        Assert.Contains(mapped.Actions, a => a.StartsWith("variable 'reviewed' added", StringComparison.Ordinal));
        // A dry run changes nothing.
        var after = await h.ReloadAsync(i.Id);
        Assert.Equal((1, i.Revision), (after.DefinitionVersion, after.Revision));
    }

    [Fact]
    public async Task Apply_KeepsAssignmentDueTimesAndTimers_AndNeverRestarts()
    {
        var (h, i) = await AtHandleAsync();
        var task = EngineHarness.OpenTask(i, "handle");
        var timers = i.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => (b.Id, b.DueAt)).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
        var journalBefore = h.Store.Journal(i.Id).Count;

        var report = await h.Engine.MigrateAsync(i.Id, 1, 2, new Dictionary<string, string> { ["handle"] = "process" }, "u-admin", dryRun: false);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        var m = await h.ReloadAsync(i.Id);
        Assert.Equal(2, m.DefinitionVersion);
        var moved = EngineHarness.OpenTask(m, "process");
        Assert.Equal((task.Id, "u-dept", task.DueAt, task.WarnAt, task.CreatedAt), (moved.Id, moved.Assignee, moved.DueAt, moved.WarnAt, moved.CreatedAt));
        Assert.Equal((2, "handle"), (moved.DefinitionVersion, moved.FormKey));
        Assert.Equal(timers, m.Bookmarks.Where(b => b.Kind == BookmarkKind.Timer).Select(b => (b.Id, b.DueAt)).OrderBy(t => t.Id, StringComparer.Ordinal).ToList());
        Assert.All(m.Bookmarks, b => Assert.Equal("process", b.ActivityId));
        Assert.False(m.Variables["reviewed"].GetBoolean());
        var journal = h.Store.Journal(i.Id);
        Assert.Equal(journalBefore + 1, journal.Count);
        Assert.Equal((JournalKind.InstanceMigrated, "u-admin"), (journal[^1].Kind, journal[^1].Actor));
        Assert.DoesNotContain(journal.Skip(journalBefore), j => j.Kind == JournalKind.InstanceStarted);

        // The instance goes on under v2: the warning timer still fires at its old time, then the new path.
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromDays(2)));
        var outcome = await h.Engine.CompleteTaskAsync(moved.Id, new ResumeInput("u-dept", null, EngineHarness.Json(new { result = "ok" })));
        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        var next = await h.ReloadAsync(i.Id);
        Assert.Equal("review", Assert.Single(next.Tasks).ActivityId);
        Assert.DoesNotContain(next.Bookmarks, b => b.Kind == BookmarkKind.Timer);
    }

    [Fact]
    public async Task Apply_IdentityMapping_ForIdsInBothVersions()
    {
        var h = new EngineHarness().Publish(V1()).Publish(V2());
        var i = (await h.Engine.StartAsync("p", new StartRequest(), version: 1)).Instance;

        var report = await h.Engine.MigrateAsync(i.Id, 1, 2, Identity, null, dryRun: false);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Contains("token at 'report' stays at 'report'", report.Actions);
        var m = await h.ReloadAsync(i.Id);
        await h.CompleteAsync(m, "report");
        Assert.Equal("process", Assert.Single((await h.ReloadAsync(i.Id)).Tasks).ActivityId);
    }

    [Fact]
    public async Task Migrate_WrongFromVersionOrUnknownMapTarget_ChangesNothing()
    {
        var (h, i) = await AtHandleAsync();

        var wrongFrom = await h.Engine.MigrateAsync(i.Id, 2, 2, Identity, null, dryRun: false);
        var badMap = await h.Engine.MigrateAsync(i.Id, 1, 2, new Dictionary<string, string> { ["handle"] = "nowhere" }, null, dryRun: false);
        var waitTypeChanged = await h.Engine.MigrateAsync(i.Id, 1, 2, new Dictionary<string, string> { ["handle"] = "end" }, null, dryRun: false);

        Assert.Contains("fromVersion", Assert.Single(wrongFrom.Problems), StringComparison.Ordinal);
        Assert.Contains(badMap.Problems, p => p.Contains("'nowhere'", StringComparison.Ordinal));
        Assert.Contains(waitTypeChanged.Problems, p => p.Contains("cannot take over its wait", StringComparison.Ordinal));
        Assert.Equal(1, (await h.ReloadAsync(i.Id)).DefinitionVersion);
    }

    [Fact]
    public async Task Migrate_EndedInstance_IsRefused()
    {
        var h = new EngineHarness().Publish(V1()).Publish(V2());
        var i = (await h.Engine.StartAsync("p", new StartRequest(), version: 1)).Instance;
        await h.Engine.CancelAsync(i.Id, "u", "test");

        var report = await h.Engine.MigrateAsync(i.Id, 1, 2, Identity, null, dryRun: true);

        Assert.False(report.Ok);
        Assert.Contains("has ended", Assert.Single(report.Problems), StringComparison.Ordinal);
    }
}
