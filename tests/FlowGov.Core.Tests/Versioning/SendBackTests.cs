using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Versioning;

/// <summary>退回: the open task is cancelled and the token goes back to an earlier user task, which is created again for who did it.</summary>
public sealed class SendBackTests
{
    private static WorkflowDefinition Flow() => new FlowBuilder("p")
        .Add("start", "Start").Add("report", "UserTask", new { candidateRoles = new[] { "grid-worker" } }).Add("approve", "UserTask", new { due = "P2D" }).Add("end", "End")
        .Chain("start", "report", "approve", "end").Build();

    [Fact]
    public async Task SendBack_CancelsTask_RecreatesEarlierTaskForPreviousAssignee()
    {
        var h = new EngineHarness().Publish(Flow());
        var i = await h.StartAsync("p");
        await h.CompleteAsync(i, "report", actor: "u-gw7");
        i = await h.ReloadAsync(i.Id);
        var approve = EngineHarness.OpenTask(i, "approve");

        var outcome = await h.Engine.SendBackAsync(approve.Id, "report", "u-gw7", "u-sec", "照片不清楚");

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        var back = await h.ReloadAsync(i.Id);
        var task = Assert.Single(back.Tasks);
        Assert.Equal(("report", "u-gw7"), (task.ActivityId, task.Assignee));
        Assert.DoesNotContain(back.Bookmarks, b => b.Kind == BookmarkKind.Timer);
        var closed = h.Store.Tasks(i.Id).Single(t => t.Id == approve.Id);
        Assert.Equal((HumanTaskStatus.Cancelled, WorkflowRunner.SendBackOutcome, "u-sec"), (closed.Status, closed.Outcome, closed.CompletedBy));
        var sentBack = h.Store.Journal(i.Id).Single(j => j.Kind == JournalKind.TaskSentBack);
        Assert.Equal(("approve", "u-sec"), (sentBack.ActivityId, sentBack.Actor));
        Assert.Contains("照片不清楚", sentBack.Message, StringComparison.Ordinal);

        // The path runs again from there.
        await h.CompleteAsync(back, "report", actor: "u-gw7");
        Assert.Equal("approve", Assert.Single((await h.ReloadAsync(i.Id)).Tasks).ActivityId);
    }

    [Fact]
    public async Task SendBack_ToNonUserTaskOrSameStep_IsRejected()
    {
        var h = new EngineHarness().Publish(Flow());
        var i = await h.StartAsync("p");
        await h.CompleteAsync(i, "report");
        var approve = EngineHarness.OpenTask(await h.ReloadAsync(i.Id), "approve");

        var toStart = await h.Engine.SendBackAsync(approve.Id, "start", null, "u", null);
        var toSelf = await h.Engine.SendBackAsync(approve.Id, "approve", null, "u", null);
        var unknownTask = await h.Engine.SendBackAsync("nope", "report", null, "u", null);

        Assert.Equal(ResumeStatus.Rejected, toStart.Status);
        Assert.Equal(ResumeStatus.Rejected, toSelf.Status);
        Assert.Equal(ResumeStatus.AlreadyDone, unknownTask.Status);
        Assert.Equal(approve.Id, Assert.Single((await h.ReloadAsync(i.Id)).Tasks).Id);
    }
}
