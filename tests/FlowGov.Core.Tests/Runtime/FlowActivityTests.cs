using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Runtime;

public sealed class FlowActivityTests
{
    [Fact]
    public async Task Start_StartToEnd_CompletesWithJournal()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Add("start", "Start").Add("end", "End").Chain("start", "end").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Empty(i.Tokens);
        Assert.Equal([JournalKind.InstanceStarted, JournalKind.ActivityExecuted, JournalKind.ActivityExecuted, JournalKind.InstanceCompleted], h.Store.Journal(i.Id).Select(j => j.Kind));
        Assert.Equal(i.JournalSequence, h.Store.Journal(i.Id).Max(j => j.Sequence));
    }

    [Theory]
    [InlineData("big", "dispatch")]
    [InlineData("small", "solve")]
    public async Task Decision_Condition_TakesMatchingPort(string level, string expected)
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Variable("level", "small")
            .Add("start", "Start").Add("d", "Decision", new { condition = "vars.level === 'big'" })
            .Add("dispatch", "End").Add("solve", "End")
            .Connect("start", "d").Connect("d", "dispatch", "true").Connect("d", "solve", "false").Build());

        var i = await h.StartAsync("p", new { level });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Contains(expected, h.Visited(i));
        Assert.DoesNotContain(expected == "dispatch" ? "solve" : "dispatch", h.Visited(i));
    }

    [Fact]
    public async Task Switch_FirstMode_TakesFirstMatchingCaseOrDefault()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Variable("n", 0)
            .Add("start", "Start")
            .Add("s", "Switch", new { cases = new[] { new { port = "big", condition = "vars.n > 10" }, new { port = "mid", condition = "vars.n > 5" } } })
            .Add("big", "End").Add("mid", "End").Add("other", "End")
            .Connect("start", "s").Connect("s", "big", "big").Connect("s", "mid", "mid").Connect("s", "other", "default").Build());

        Assert.Contains("s:big", h.Path(await h.StartAsync("p", new { n = 20 })));
        Assert.Contains("s:mid", h.Path(await h.StartAsync("p", new { n = 7 })));
        Assert.Contains("s:default", h.Path(await h.StartAsync("p", new { n = 1 })));
    }

    [Fact]
    public async Task Switch_AllMode_RunsEveryMatchingCaseInParallel()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Variable("tags", new[] { "water", "road" })
            .Add("start", "Start")
            .Add("s", "Switch", new { mode = "all", cases = new[] { new { port = "water", condition = "contains(vars.tags, 'water')" }, new { port = "road", condition = "contains(vars.tags, 'road')" }, new { port = "gas", condition = "contains(vars.tags, 'gas')" } } })
            .Add("water", "UserTask").Add("road", "UserTask").Add("gas", "UserTask")
            .Connect("start", "s").Connect("s", "water", "water").Connect("s", "road", "road").Connect("s", "gas", "gas").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(["road", "water"], i.Tasks.Select(t => t.ActivityId).Order());
    }

    [Fact]
    public async Task Join_All_WaitsForEveryBranch()
    {
        var h = new EngineHarness().Publish(ForkJoin("all"));
        var i = await h.StartAsync("p");
        Assert.Equal(3, i.Tasks.Count);

        await h.CompleteAsync(i, "a");
        await h.CompleteAsync(await h.ReloadAsync(i.Id), "b");
        i = await h.ReloadAsync(i.Id);
        Assert.Equal(InstanceStatus.Running, i.Status);
        Assert.DoesNotContain("after", h.Visited(i));

        await h.CompleteAsync(i, "c");
        i = await h.ReloadAsync(i.Id);
        Assert.Equal("after", Assert.Single(i.Tasks).ActivityId);
        Assert.Null(i.Tokens.Single().Scopes);
    }

    [Fact]
    public async Task Join_Any_ContinuesOnFirstAndCancelsOtherBranches()
    {
        var h = new EngineHarness().Publish(ForkJoin("any"));
        var i = await h.StartAsync("p");

        await h.CompleteAsync(i, "b");
        i = await h.ReloadAsync(i.Id);

        Assert.Equal("after", Assert.Single(i.Tasks).ActivityId);
        Assert.Single(i.Tokens);
        var cancelled = h.Store.Tasks(i.Id).Where(t => t.Status == HumanTaskStatus.Cancelled).Select(t => t.ActivityId).Order();
        Assert.Equal(["a", "c"], cancelled);
        Assert.Equal(2, h.Store.Journal(i.Id).Count(j => j.Kind == JournalKind.TokenCancelled));
    }

    [Fact]
    public async Task Join_CountTwoOfThree_FiresOnSecondArrival()
    {
        var h = new EngineHarness().Publish(ForkJoin("count", 2));
        var i = await h.StartAsync("p");

        await h.CompleteAsync(i, "c");
        i = await h.ReloadAsync(i.Id);
        Assert.Equal(2, i.Tasks.Count);

        await h.CompleteAsync(i, "a");
        i = await h.ReloadAsync(i.Id);
        Assert.Equal("after", Assert.Single(i.Tasks).ActivityId);
        Assert.Equal(HumanTaskStatus.Cancelled, h.Store.Tasks(i.Id).Single(t => t.ActivityId == "b").Status);
    }

    [Fact]
    public async Task Join_AnyWithoutCancel_LeavesOtherBranchesRunning()
    {
        var h = new EngineHarness().Publish(ForkJoin("any", cancelRemaining: false));
        var i = await h.StartAsync("p");

        await h.CompleteAsync(i, "a");
        i = await h.ReloadAsync(i.Id);

        Assert.Equal(["after", "b", "c"], i.Tasks.Select(t => t.ActivityId).Order());
    }

    [Fact]
    public async Task Terminate_WithOpenBranches_CancelsEverythingAndCompletes()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Add("start", "Start").Add("fork", "Fork").Add("a", "UserTask").Add("b", "UserTask").Add("stop", "Terminate")
            .Connect("start", "fork").Connect("fork", "a").Connect("fork", "b").Connect("a", "stop").Build());
        var i = await h.StartAsync("p");

        await h.CompleteAsync(i, "a");
        i = await h.ReloadAsync(i.Id);

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Empty(i.Tasks);
        Assert.Empty(i.Bookmarks);
        Assert.Equal(HumanTaskStatus.Cancelled, h.Store.Tasks(i.Id).Single(t => t.ActivityId == "b").Status);
        Assert.Equal(0, h.Store.OpenBookmarkCount);
    }

    [Fact]
    public async Task Cycle_UnsatisfiedFollowUp_ReopensCaseUntilSatisfied()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p")
            .Add("start", "Start").Add("handle", "UserTask").Add("visit", "UserTask", new { outcomes = new[] { "satisfied", "unsatisfied" } }).Add("end", "End")
            .Chain("start", "handle", "visit").Connect("visit", "end", "satisfied").Connect("visit", "handle", "unsatisfied").Build());
        var i = await h.StartAsync("p");

        for (var round = 0; round < 3; round++)
        {
            await h.CompleteAsync(await h.ReloadAsync(i.Id), "handle");
            await h.CompleteAsync(await h.ReloadAsync(i.Id), "visit", round < 2 ? "unsatisfied" : "satisfied");
        }

        i = await h.ReloadAsync(i.Id);
        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(3, h.Path(i).Count(p => p == "handle:done"));
        Assert.Equal(2, h.Path(i).Count(p => p == "visit:unsatisfied"));
    }

    [Fact]
    public async Task Run_CycleWithoutWait_FaultsInsteadOfSpinning()
    {
        var h = new EngineHarness(options: new RunnerOptions { MaxStepsPerRun = 1000 }).Publish(new FlowBuilder("p")
            .Variable("n", 0)
            .Add("start", "Start").Add("inc", "SetVariable", new { variable = "n", value = new { js = "vars.n + 1" } })
            .Chain("start", "inc").Connect("inc", "inc").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(InstanceStatus.Faulted, i.Status);
        Assert.Contains("without a wait", Assert.Single(i.Incidents).Message, StringComparison.Ordinal);
    }

    internal static Definitions.WorkflowDefinition ForkJoin(string mode, int count = 0, bool cancelRemaining = true) => new FlowBuilder("p")
        .Add("start", "Start").Add("fork", "Fork").Add("a", "UserTask").Add("b", "UserTask").Add("c", "UserTask")
        .Add("join", "Join", count > 0 ? new { mode, count, cancelRemaining } : new { mode, count = 1, cancelRemaining })
        .Add("after", "UserTask").Add("end", "End")
        .Connect("start", "fork").Connect("fork", "a").Connect("fork", "b").Connect("fork", "c")
        .Connect("a", "join").Connect("b", "join").Connect("c", "join").Chain("join", "after", "end").Build();
}
