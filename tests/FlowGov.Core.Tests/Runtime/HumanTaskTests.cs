using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;
using FlowGov.Core.Time;

namespace FlowGov.Core.Tests.Runtime;

public sealed class HumanTaskTests
{
    private const string TriageForm = """{"title":"分级分流","fields":[],"actions":[{"key":"solve","label":"网格内解决"},{"key":"dispatch","label":"派单"}]}""";

    [Fact]
    public async Task UserTask_FormActions_BecomeOutcomePorts()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Form("triage", TriageForm)
            .Add("start", "Start").Add("triage", "UserTask", new { formKey = "triage", candidateRoles = new[] { "community-secretary" }, candidateUnit = "c-lcx", title = "分级分流" })
            .Add("solve", "End").Add("dispatch", "UserTask")
            .Connect("start", "triage").Connect("triage", "solve", "solve").Connect("triage", "dispatch", "dispatch").Build());
        var i = await h.StartAsync("p");
        var task = EngineHarness.OpenTask(i, "triage");
        Assert.Equal(["solve", "dispatch"], task.Outcomes);
        Assert.Equal(["community-secretary"], task.CandidateRoles);
        Assert.Equal("c-lcx", task.CandidateUnit);
        Assert.Equal(1, task.DefinitionVersion);

        var outcome = await h.CompleteAsync(i, "triage", "dispatch", new { note = "需派单" }, "u-sec");

        Assert.Equal(ResumeStatus.Resumed, outcome.Status);
        i = await h.ReloadAsync(i.Id);
        Assert.Equal("dispatch", Assert.Single(i.Tasks).ActivityId);
        Assert.Equal("需派单", i.Forms["triage"].GetProperty("note").GetString());
        var closed = h.Store.Tasks(i.Id).Single(t => t.ActivityId == "triage");
        Assert.Equal((HumanTaskStatus.Completed, "dispatch", "u-sec"), (closed.Status, closed.Outcome, closed.CompletedBy));
    }

    [Fact]
    public async Task UserTask_UnknownOutcome_IsRejectedAndChangesNothing()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Form("triage", TriageForm)
            .Add("start", "Start").Add("triage", "UserTask", new { formKey = "triage" }).Add("end", "End")
            .Connect("start", "triage").Connect("triage", "end", "solve").Build());
        var i = await h.StartAsync("p");
        var before = h.Store.Journal(i.Id).Count;

        var outcome = await h.CompleteAsync(i, "triage", "approve");

        Assert.Equal(ResumeStatus.Rejected, outcome.Status);
        Assert.Contains("solve, dispatch", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(before, h.Store.Journal(i.Id).Count);
        Assert.Single((await h.ReloadAsync(i.Id)).Tasks);
    }

    [Fact]
    public async Task UserTask_AssigneeAndUnitScripts_SeeVariablesAndInstance()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("gridId", "g-07")
            .Add("start", "Start").Add("t", "UserTask", new { assignee = new { js = "instance.startedBy" }, candidateUnit = new { js = "vars.gridId" }, title = new { js = "'回访：' + vars.gridId" } })
            .Chain("start", "t").Build());

        var task = EngineHarness.OpenTask(await h.StartAsync("p", startedBy: "u-gw7"), "t");

        Assert.Equal(("u-gw7", "g-07", "回访：g-07"), (task.Assignee, task.CandidateUnit, task.Title));
    }

    [Fact]
    public async Task Deadline_ThreeWorkdaysOverWeekend_WarnsThenEscalatesWithoutClosingTask()
    {
        var h = new EngineHarness().Publish(DeadlineFlow("3WD", "1WD"));
        // Thursday 2026-03-05 10:00: three working days end at Tuesday 10:00; the warning one working day before, Monday 10:00.
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)));
        var i = await h.StartAsync("p");
        var task = EngineHarness.OpenTask(i, "handle");
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8)), task.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 10, 0, 0, TimeSpan.FromHours(8)), task.WarnAt);

        Assert.Equal(0, await h.AdvanceAsync(TimeSpan.FromDays(3)));                 // Sunday: nothing due
        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromDays(1)));                 // Monday 10:00: warning
        i = await h.ReloadAsync(i.Id);
        Assert.Equal(DeadlineState.Warned, EngineHarness.OpenTask(i, "handle").DeadlineState);
        Assert.Single(h.Store.Outbox(), n => n.ActivityId == "remind");

        Assert.Equal(1, await h.AdvanceAsync(TimeSpan.FromDays(1)));                 // Tuesday 10:00: overdue → 督办
        i = await h.ReloadAsync(i.Id);
        Assert.Equal(DeadlineState.Overdue, EngineHarness.OpenTask(i, "handle").DeadlineState);
        Assert.Equal("supervise", i.Tasks.Single(t => t.ActivityId == "supervise").ActivityId);

        await h.CompleteAsync(i, "handle");
        i = await h.ReloadAsync(i.Id);
        Assert.DoesNotContain(i.Tasks, t => t.ActivityId == "handle");
        Assert.DoesNotContain(i.Bookmarks, b => b.Kind == BookmarkKind.Timer);
    }

    [Fact]
    public async Task Deadline_HolidayAndAdjustedWorkday_CountedByCalendar()
    {
        // Friday 2026-05-01 is a holiday; Saturday 2026-05-09 is an adjusted working day (调休).
        var calendar = new WorkdayCalendar(WorkdayCalendar.ChinaStandardTime, holidays: [new DateOnly(2026, 5, 1)], adjustedWorkdays: [new DateOnly(2026, 5, 9)]);
        var h = new EngineHarness(calendar).Publish(DeadlineFlow("2WD", "2/3"));
        h.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 30, 9, 0, 0, TimeSpan.FromHours(8)));   // Thursday

        var task = EngineHarness.OpenTask(await h.StartAsync("p"), "handle");

        Assert.Equal(new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.FromHours(8)), task.DueAt); // skips holiday and weekend

        var h2 = new EngineHarness(calendar).Publish(DeadlineFlow("1WD", null));
        h2.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 8, 15, 0, 0, TimeSpan.FromHours(8)));  // Friday
        Assert.Equal(new DateTimeOffset(2026, 5, 9, 15, 0, 0, TimeSpan.FromHours(8)), EngineHarness.OpenTask(await h2.StartAsync("p"), "handle").DueAt);
    }

    [Fact]
    public async Task Deadline_FractionWarning_IsTwoThirdsOfTheTime()
    {
        var h = new EngineHarness().Publish(DeadlineFlow("PT72H", "2/3"));

        var task = EngineHarness.OpenTask(await h.StartAsync("p"), "handle");

        Assert.Equal(EngineHarness.Monday9.AddHours(48), task.WarnAt);
        Assert.Equal(EngineHarness.Monday9.AddHours(72), task.DueAt);
    }

    [Theory]
    [InlineData("all", 0, 7, 7)]
    [InlineData("first", 0, 1, 1)]
    [InlineData("count", 3, 3, 3)]
    public async Task MultiInstance_CompletionRule_FinishesAfterExpectedAnswers(string completion, int count, int answers, int expectedResults)
    {
        var h = new EngineHarness().Publish(MediationFlow(completion, count));
        var i = await h.StartAsync("p", new { departments = new[] { "住建局", "城管局" } });
        Assert.Equal(7, i.Tasks.Count(t => t.ActivityId == "views"));                  // 5 fixed parties + N = 2

        for (var k = 0; k < answers; k++)
        {
            i = await h.ReloadAsync(i.Id);
            Assert.Contains(i.Tasks, t => t.ActivityId == "views");
            var task = i.Tasks.Where(t => t.ActivityId == "views").OrderBy(t => t.ItemIndex).First();
            var r = await h.Engine.CompleteTaskAsync(task.Id, new ResumeInput($"u-{task.ItemIndex}", null, EngineHarness.Json(new { view = $"意见{task.ItemIndex}" })));
            Assert.Equal(ResumeStatus.Resumed, r.Status);
        }

        i = await h.ReloadAsync(i.Id);
        Assert.Equal("meeting", Assert.Single(i.Tasks).ActivityId);
        var results = i.Variables["views"];
        Assert.Equal(expectedResults, results.GetArrayLength());
        Assert.Equal("社区党总支", results[0].GetProperty("item").GetString());
        Assert.Equal("意见0", results[0].GetProperty("values").GetProperty("view").GetString());
        Assert.Equal(7 - expectedResults, h.Store.Tasks(i.Id).Count(t => t.ActivityId == "views" && t.Status == HumanTaskStatus.Cancelled));
    }

    [Fact]
    public async Task MultiInstance_ConditionRule_EvaluatesOverResults()
    {
        var h = new EngineHarness().Publish(MediationFlow("condition", 0, "count(results, function (r) { return r.outcome === 'object'; }) >= 2"));
        var i = await h.StartAsync("p", new { departments = Array.Empty<string>() });

        foreach (var outcome in new[] { "submit", "object", "submit", "object" })
        {
            i = await h.ReloadAsync(i.Id);
            var task = i.Tasks.First(t => t.ActivityId == "views");
            await h.Engine.CompleteTaskAsync(task.Id, new ResumeInput("u", outcome, null));
        }

        i = await h.ReloadAsync(i.Id);
        Assert.Equal("meeting", Assert.Single(i.Tasks).ActivityId);
        Assert.Equal(4, i.Variables["views"].GetArrayLength());
    }

    [Fact]
    public async Task MultiInstance_EmptyItems_ContinuesAtOnce()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("xs", Array.Empty<string>())
            .Add("start", "Start").Add("mi", "MultiInstanceTask", new { items = "vars.xs", resultVariable = "r" }).Add("end", "End")
            .Chain("start", "mi", "end").Variable("r").Build());

        var i = await h.StartAsync("p");

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(0, i.Variables["r"].GetArrayLength());
    }

    [Theory]
    [InlineData(10, 9, 0, 1, "passed")]   // turnout 100%, approval 90%
    [InlineData(10, 8, 1, 1, "failed")]   // approval 80%
    [InlineData(12, 7, 0, 0, "failed")]   // turnout 7/12 < 2/3 even though approval is 100%
    [InlineData(12, 8, 0, 0, "passed")]   // exactly 2/3 turnout, approval 100%
    public async Task Vote_QuorumAndThreshold_DecidePort(int households, int approve, int reject, int abstain, string expected)
    {
        var h = new EngineHarness().Publish(ConsultationFlow());
        var voters = Enumerable.Range(1, households).Select(n => $"h{n}").ToArray();
        var i = await h.StartAsync("p", new { households = voters });
        var box = i.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote).Id;

        var ballots = Enumerable.Repeat("approve", approve).Concat(Enumerable.Repeat("reject", reject)).Concat(Enumerable.Repeat("abstain", abstain)).ToList();
        for (var k = 0; k < ballots.Count; k++)
        {
            Assert.Equal(ResumeStatus.Resumed, (await h.Engine.ResumeAsync(box, new ResumeInput(voters[k], ballots[k]))).Status);
        }

        if (ballots.Count < households)
        {
            await h.AdvanceAsync(TimeSpan.FromDays(8));
        }

        i = await h.ReloadAsync(i.Id);
        Assert.Contains($"vote:{expected}", h.Path(i));
        var tally = i.Variables["tally"];
        Assert.Equal(ballots.Count, tally.GetProperty("cast").GetInt32());
        Assert.Equal(expected == "passed", tally.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Vote_DuplicateOrForeignBallot_IsRejected()
    {
        var h = new EngineHarness().Publish(ConsultationFlow());
        var i = await h.StartAsync("p", new { households = new[] { "h1", "h2", "h3" } });
        var box = i.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote).Id;

        Assert.Equal(ResumeStatus.Resumed, (await h.Engine.ResumeAsync(box, new ResumeInput("h1", "approve"))).Status);
        var again = await h.Engine.ResumeAsync(box, new ResumeInput("h1", "reject"));
        var foreign = await h.Engine.ResumeAsync(box, new ResumeInput("h9", "approve"));
        var bad = await h.Engine.ResumeAsync(box, new ResumeInput("h2", "maybe"));

        Assert.Equal((ResumeStatus.Rejected, ResumeStatus.Rejected, ResumeStatus.Rejected), (again.Status, foreign.Status, bad.Status));
        Assert.Contains("already voted", again.Message, StringComparison.Ordinal);
    }

    private static Definitions.WorkflowDefinition DeadlineFlow(string due, string? warning) => new FlowBuilder("p")
        .Add("start", "Start")
        .Add("handle", "UserTask", warning is null ? new { due, warning = (string?)null } : new { due, warning = (string?)warning })
        .Add("remind", "Notify", new { title = "即将超时", roles = new[] { "handler" } })
        .Add("supervise", "UserTask", new { title = "督办", candidateRoles = new[] { "supervisor" } })
        .Add("end", "End")
        .Connect("start", "handle").Connect("handle", "end").Connect("handle", "remind", "warning").Connect("handle", "supervise", "overdue").Build();

    private static Definitions.WorkflowDefinition MediationFlow(string completion, int count, string? condition = null) => new FlowBuilder("p")
        .Variable("departments", Array.Empty<string>()).Variable("views")
        .Form("view", """{"title":"各方意见","fields":[],"actions":[{"key":"submit"},{"key":"object"}]}""")
        .Add("start", "Start")
        .Add("views", "MultiInstanceTask", new
        {
            items = "['社区党总支', '小区党支部', '业委会', '物业公司', '居民代表'].concat(vars.departments)",
            completion,
            count = count == 0 ? 1 : count,
            completionCondition = condition ?? "true",
            resultVariable = "views",
            formKey = "view",
            title = new { js = "item + '意见'" },
            candidateUnit = new { js = "item" },
        })
        .Add("meeting", "UserTask").Add("end", "End")
        .Chain("start", "views", "meeting", "end").Build();

    private static Definitions.WorkflowDefinition ConsultationFlow() => new FlowBuilder("p")
        .Variable("households", Array.Empty<string>()).Variable("tally")
        .Add("start", "Start")
        .Add("vote", "Vote", new { voters = new { js = "vars.households" }, closeAfter = "P7D", quorum = 0.6667, threshold = 0.9, resultVariable = "tally" })
        .Add("implement", "End").Add("revise", "End")
        .Connect("start", "vote").Connect("vote", "implement", "passed").Connect("vote", "revise", "failed").Build();

    internal static JsonElement J(object o) => JsonSerializer.SerializeToElement(o);
}
