using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;
using static FlowGov.Core.Tests.Validation.ValidationTestSupport;

namespace FlowGov.Core.Tests.Runtime;

/// <summary>Properties that may be computed when the activity runs: Delay.duration, Vote.quorum and Vote.threshold.</summary>
public sealed class ComputedPropertyTests
{
    private const string ByGrade = "vars.grade === 'A' ? 'P1M' : (vars.grade === 'B' ? 'P3M' : 'P6M')";

    [Theory]
    [InlineData("A", 1)]
    [InlineData("B", 3)]
    [InlineData("C", 6)]
    public async Task Delay_ComputedDuration_DueByVariable(string grade, int months)
    {
        var h = new EngineHarness().Publish(GradeDelayFlow(ByGrade));

        var i = await h.StartAsync("p", new { grade });

        Assert.Equal(EngineHarness.Monday9.AddMonths(months), Assert.Single(i.Bookmarks).DueAt);
    }

    [Fact]
    public async Task Delay_ComputedDuration_ReadEachTimeTheActivityRuns()
    {
        var h = new EngineHarness().Publish(new FlowBuilder("p").Variable("grade", "A")
            .Add("start", "Start")
            .Add("wait", "Delay", new { duration = new { js = ByGrade } })
            .Add("regrade", "Script", new { script = "vars.grade = 'C';" })
            .Add("wait2", "Delay", new { duration = new { js = ByGrade } })
            .Add("end", "End")
            .Chain("start", "wait", "regrade", "wait2", "end").Build());
        var i = await h.StartAsync("p");
        Assert.Equal(EngineHarness.Monday9.AddMonths(1), Assert.Single(i.Bookmarks).DueAt);

        await h.AdvanceAsync(TimeSpan.FromDays(31));

        i = await h.ReloadAsync(i.Id);
        Assert.Equal(EngineHarness.Monday9.AddMonths(1).AddMonths(6), Assert.Single(i.Bookmarks).DueAt);
    }

    [Fact]
    public async Task Delay_ComputedWorkingDays_SkipsWeekend()
    {
        var h = new EngineHarness().Publish(GradeDelayFlow("vars.grade === 'A' ? '5WD' : 'P1D'"));

        var i = await h.StartAsync("p", new { grade = "A" });

        Assert.Equal(EngineHarness.Monday9.AddDays(7), Assert.Single(i.Bookmarks).DueAt);
    }

    [Theory]
    [InlineData("'monthly'", "\"monthly\"")]
    [InlineData("30", "30")]
    [InlineData("vars.missing", "nothing")]
    [InlineData("'P0D'", "\"P0D\"")]
    public async Task Delay_ComputedDurationNotADuration_FaultsNamingProperty(string script, string shown)
    {
        var h = new EngineHarness().Publish(GradeDelayFlow(script));

        var i = await h.StartAsync("p", new { grade = "A" });

        Assert.Equal(InstanceStatus.Faulted, i.Status);
        var incident = Assert.Single(i.Incidents);
        Assert.Equal(("wait", "duration"), (incident.ActivityId, incident.Property));
        Assert.Contains("'duration'", incident.Message, StringComparison.Ordinal);
        Assert.Contains("gave " + shown, incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delay_ComputedDurationScriptThrows_FaultsNamingProperty()
    {
        var h = new EngineHarness().Publish(GradeDelayFlow("vars.household.grade"));

        var incident = Assert.Single((await h.StartAsync("p", new { grade = "A" })).Incidents);

        Assert.Equal(("wait", "duration"), (incident.ActivityId, incident.Property));
    }

    [Fact]
    public void Validate_StaticBadDuration_IsStillReportedAtPrepare()
    {
        var problem = Single(Validate("""
            {"id": "start", "type": "Start"}, {"id": "wait", "type": "Delay", "properties": {"duration": "3 days"}}
            """, """{"from": "start", "to": "wait"}"""), "bad-duration");

        Assert.Equal(("wait", "duration"), (problem.ActivityId, problem.Property));
    }

    [Fact]
    public void Validate_ComputedDurationWithSyntaxError_IsReportedAtPrepare()
    {
        var problem = Single(Validate("""
            {"id": "start", "type": "Start"}, {"id": "wait", "type": "Delay", "properties": {"duration": {"js": "vars.grade === 'A' ? 'P1M' :"}}}
            """, """{"from": "start", "to": "wait"}"""), "script-syntax");

        Assert.Equal(("wait", "duration"), (problem.ActivityId, problem.Property));
    }

    [Fact]
    public void Validate_ComputedDurationAndVoteRules_HaveNoProblems()
    {
        NoProblems(Validate("""
            {"id": "start", "type": "Start"},
            {"id": "wait", "type": "Delay", "properties": {"duration": {"js": "vars.grade === 'A' ? 'P1M' : 'P6M'"}}},
            {"id": "vote", "type": "Vote", "properties": {"eligible": 10, "quorum": {"js": "vars.quorum"}, "threshold": {"js": "vars.threshold"}}}
            """, """{"from": "start", "to": "wait"}, {"from": "wait", "to": "vote"}""", """ "variables": [{"name": "grade"}, {"name": "quorum"}, {"name": "threshold"}] """));
    }

    [Theory]
    [InlineData(0.6667, 0.9, 9, 1, "passed")]
    [InlineData(0.6667, 0.95, 9, 1, "failed")]   // the same ballots fail a stricter consultation
    [InlineData("0.5", "0.6", 6, 4, "passed")]   // form values may arrive as numeric text
    public async Task Vote_ComputedQuorumAndThreshold_DecidePort(object quorum, object threshold, int approve, int reject, string expected)
    {
        var h = new EngineHarness().Publish(ComputedVoteFlow());
        var voters = Enumerable.Range(1, 10).Select(n => $"h{n}").ToArray();
        var i = await h.StartAsync("p", new { households = voters, quorum, threshold });
        var box = i.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote).Id;

        var ballots = Enumerable.Repeat("approve", approve).Concat(Enumerable.Repeat("reject", reject)).ToList();
        for (var k = 0; k < ballots.Count; k++)
        {
            Assert.Equal(ResumeStatus.Resumed, (await h.Engine.ResumeAsync(box, new ResumeInput(voters[k], ballots[k]))).Status);
        }

        Assert.Contains($"vote:{expected}", h.Path(await h.ReloadAsync(i.Id)));
    }

    [Fact]
    public async Task Vote_ComputedRules_FixedWhenTheVoteOpens()
    {
        var h = new EngineHarness().Publish(ComputedVoteFlow());
        var i = await h.StartAsync("p", new { households = new[] { "h1", "h2", "h3", "h4" }, quorum = 0.5, threshold = 0.75 });
        var box = i.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote).Id;

        // Approval 3/4 = 75% meets the threshold the vote opened with.
        foreach (var (voter, choice) in new[] { ("h1", "approve"), ("h2", "approve"), ("h3", "approve"), ("h4", "reject") })
        {
            await h.Engine.ResumeAsync(box, new ResumeInput(voter, choice));
        }

        Assert.Contains("vote:passed", h.Path(await h.ReloadAsync(i.Id)));
    }

    [Theory]
    [InlineData(1.5, "threshold")]
    [InlineData("ninety percent", "threshold")]
    public async Task Vote_ComputedThresholdInvalid_FaultsNamingProperty(object threshold, string property)
    {
        var h = new EngineHarness().Publish(ComputedVoteFlow());

        var i = await h.StartAsync("p", new { households = new[] { "h1" }, quorum = 0.5, threshold });

        var incident = Assert.Single(i.Incidents);
        Assert.Equal(("vote", property), (incident.ActivityId, incident.Property));
        Assert.Contains("between 0 and 1", incident.Message, StringComparison.Ordinal);
    }

    private static Definitions.WorkflowDefinition GradeDelayFlow(string script) => new FlowBuilder("p").Variable("grade")
        .Add("start", "Start")
        .Add("wait", "Delay", new { duration = new { js = script } })
        .Add("end", "End")
        .Chain("start", "wait", "end").Build();

    private static Definitions.WorkflowDefinition ComputedVoteFlow() => new FlowBuilder("p")
        .Variable("households", Array.Empty<string>()).Variable("quorum").Variable("threshold").Variable("tally")
        .Add("start", "Start")
        .Add("vote", "Vote", new { voters = new { js = "vars.households" }, closeAfter = "P7D", quorum = new { js = "vars.quorum" }, threshold = new { js = "vars.threshold" }, resultVariable = "tally" })
        .Add("implement", "End").Add("revise", "End")
        .Connect("start", "vote").Connect("vote", "implement", "passed").Connect("vote", "revise", "failed").Build();
}
