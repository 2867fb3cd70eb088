using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Versioning;

/// <summary>Migration and send back committed through the store's one commit path, once per provider: the rows beside the state follow.</summary>
public abstract class MigrationContract(IDatabaseSource source)
{
    private const string D = TestDefinitions.District;

    private static WorkflowDefinition V1() => new()
    {
        Key = "verify",
        Name = "核实",
        District = D,
        Activities = [TestDefinitions.A("start", "Start"), TestDefinitions.A("task", "UserTask", """{"title":"核实","assignee":"u1","due":"PT4H"}"""), TestDefinitions.A("end", "End")],
        Connections = [TestDefinitions.C("start", "task"), TestDefinitions.C("task", "end")],
    };

    /// <summary>v2 renames the step, gives it another assignee and due time, and adds a variable.</summary>
    private static WorkflowDefinition V2() => V1() with
    {
        Variables = [new VariableDefinition { Name = "checked", Default = System.Text.Json.JsonSerializer.SerializeToElement(false) }],
        Activities = [TestDefinitions.A("start", "Start"), TestDefinitions.A("check", "UserTask", """{"title":"现场核实","assignee":"u2","due":"PT8H"}"""), TestDefinitions.A("review", "UserTask", """{"title":"复核"}"""), TestDefinitions.A("end", "End")],
        Connections = [TestDefinitions.C("start", "check"), TestDefinitions.C("check", "review"), TestDefinitions.C("review", "end")],
    };

    [Fact]
    public async Task MigrateAsync_Applied_RowsFollowStateAndTimersKeepTheirDueTime()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(V1());
        await h.PublishAsync(V2());
        var started = await h.Engine.StartAsync("verify", new StartRequest { District = D, StartedBy = "u0" }, version: 1);
        var id = started.Instance.Id;
        var before = (await h.Store.LoadInstanceAsync(id))!;
        var timer = before.Bookmarks.Single(b => b.Kind == BookmarkKind.Timer);
        h.Clock.Advance(TimeSpan.FromHours(1));

        var dry = await h.Engine.MigrateAsync(id, 1, 2, new Dictionary<string, string>(), "admin", dryRun: true);
        var report = await h.Engine.MigrateAsync(id, 1, 2, new Dictionary<string, string> { ["task"] = "check" }, "admin", dryRun: false);

        Assert.False(dry.Ok);
        Assert.True(report.Applied, string.Join("\n", report.Problems));
        await using (var db = h.Context())
        {
            var row = await db.Instances.SingleAsync(i => i.Id == id);
            Assert.Equal((2, before.Revision + 1), (row.DefinitionVersion, row.Revision));
            var task = await db.Tasks.SingleAsync();
            Assert.Equal(("check", 2, "u1", Harness.Epoch.AddHours(4), nameof(HumanTaskStatus.Open)), (task.ActivityId, task.DefinitionVersion, task.Assignee, task.DueAt, task.Status));
            var bookmarks = await db.Bookmarks.Where(b => b.InstanceId == id).OrderBy(b => b.Id).ToListAsync();
            Assert.All(bookmarks, b => Assert.Equal("check", b.ActivityId));
            Assert.Equal((timer.Id, timer.DueAt), bookmarks.Where(b => b.Kind == nameof(BookmarkKind.Timer)).Select(b => (b.Id, b.DueAt)).Single());
            var journal = await db.Journal.Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).ToListAsync();
            Assert.Equal((nameof(JournalKind.InstanceMigrated), "admin"), (journal[^1].Kind, journal[^1].Actor));
            Assert.Single(journal, j => j.Kind == nameof(JournalKind.InstanceStarted));
        }

        // The old due time still holds (not v2's 8 hours, not restarted from the migration).
        h.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(1, await h.Engine.FireDueTimersAsync());
        var migrated = (await h.Store.LoadInstanceAsync(id))!;
        Assert.False(migrated.Variables["checked"].GetBoolean());
        var open = Assert.Single(migrated.Tasks);
        Assert.Equal(DeadlineState.Overdue, open.DeadlineState);
        var done = await h.Engine.CompleteTaskAsync(open.Id, new ResumeInput("u1"));
        Assert.Equal(ResumeStatus.Resumed, done.Status);
        Assert.Equal("review", Assert.Single((await h.Store.LoadInstanceAsync(id))!.Tasks).ActivityId);
    }

    [Fact]
    public async Task SendBackAsync_CancelsTaskRowAndReopensEarlierStepForItsAssignee()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(V2());
        var started = await h.Engine.StartAsync("verify", new StartRequest { District = D });
        var id = started.Instance.Id;
        var first = started.Instance.Tasks.Single();
        Assert.Equal(ResumeStatus.Resumed, (await h.Engine.CompleteTaskAsync(first.Id, new ResumeInput("u2"))).Status);
        var review = (await h.Store.LoadInstanceAsync(id))!.Tasks.Single();

        var outcome = await h.Engine.SendBackAsync(review.Id, "check", "u2", "u-reviewer", "请补充照片");

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        await using var db = h.Context();
        var rows = await db.Tasks.Where(t => t.InstanceId == id).ToListAsync();
        var cancelled = rows.Single(t => t.Id == review.Id);
        Assert.Equal((nameof(HumanTaskStatus.Cancelled), "send-back", "u-reviewer"), (cancelled.Status, cancelled.Outcome, cancelled.CompletedBy));
        var reopened = rows.Single(t => t.Status == nameof(HumanTaskStatus.Open));
        Assert.Equal(("check", "u2"), (reopened.ActivityId, reopened.Assignee));
        Assert.Equal(1, await db.Journal.CountAsync(j => j.InstanceId == id && j.Kind == nameof(JournalKind.TaskSentBack)));
    }

    private async Task<Harness> NewHarnessAsync() => new(await source.NewDatabaseAsync(), DistrictScope.For(D));
}
