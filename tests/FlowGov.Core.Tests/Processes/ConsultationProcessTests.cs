using FlowGov.Core.Runtime;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>征求意见 (workflows/consultation.json): a plan voted by households with per-consultation quorum and threshold.</summary>
public sealed class ConsultationProcessTests
{
    private static readonly Actor Secretary = new("u-sec-db", "community-secretary", "comm-dongqiao");
    private static readonly Actor Traffic = new("u-jj", "department-handler", "dept-traffic");
    private static readonly Actor Municipal = new("u-szy", "department-handler", "dept-municipal");

    private static readonly string[] Households = [.. Enumerable.Range(1, 10).Select(n => $"hh-tc-{n:00}")];

    private static readonly object Units = new { communityId = "comm-dongqiao", compoundId = "compound-tiancheng", households = Households };

    /// <summary>The plan form as the app sends it: fields the user did not touch are left out, so their defaults apply.</summary>
    private static Dictionary<string, object> Plan(string closesAt, double? threshold = null, string? changes = null)
    {
        var values = new Dictionary<string, object>
        {
            ["title"] = "天成花园智慧停车管理方案",
            ["summary"] = "地面划设车位120个，入口改造智能道闸，业主车辆按户登记",
            ["documents"] = new[] { AttachmentId("parking-plan.pdf") },
            ["closesAt"] = closesAt,
            ["departments"] = new[] { "dept-traffic", "dept-municipal" },
        };
        if (threshold is { } t)
        {
            values["threshold"] = t;
        }

        if (changes is not null)
        {
            values["changes"] = changes;
        }

        return values;
    }

    [Fact]
    public async Task FailedThenRevised_SecondRoundPasses_DepartmentsImplement()
    {
        var p = new ProcessHarness("consultation.json");
        var i = await p.StartAsync("consultation", Units, Secretary);
        AssertOfferedTo(await p.TaskAsync(i, "plan"), "community-secretary", "comm-dongqiao");

        // Round 1 with the form's defaults: two thirds turnout, 90% approval.
        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-03-16T18:00:00+08:00"));
        Assert.Equal((0.6667, 0.9), (i.Forms["plan"].GetProperty("quorum").GetDouble(), i.Forms["plan"].GetProperty("threshold").GetDouble()));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "announce" && n.Unit == "compound-tiancheng" && n.Title.StartsWith("征求意见（第1轮）", StringComparison.Ordinal));
        for (var n = 0; n < 9; n++)
        {
            i = await p.BallotAsync(i, Households[n], n < 8 ? "approve" : "reject");
        }

        Assert.Equal(InstanceStatus.Running, i.Status);
        i = await p.AdvanceToAsync(i, new DateTimeOffset(2026, 3, 16, 18, 0, 0, TimeSpan.FromHours(8)));

        // 9 of 10 voted, 8 of 9 approve = 88.9% < 90%: revise and consult again.
        Assert.Contains("vote:failed", p.Path(i));
        Assert.Equal((9, 8, false), (i.Variables["tally"].GetProperty("cast").GetInt32(), i.Variables["tally"].GetProperty("approve").GetInt32(), i.Variables["tally"].GetProperty("passed").GetBoolean()));
        var revise = await p.TaskAsync(i, "revise");
        AssertOfferedTo(revise, "community-secretary", "comm-dongqiao");
        Assert.Equal("修订方案（第1轮未通过）：天成花园智慧停车管理方案", revise.Title);
        var pastClose = await p.ValidateAsync(i, revise, Secretary, "submit", Plan("2026-03-10T18:00:00+08:00"));
        Assert.Contains(pastClose.Errors, e => e.Path == "closesAt" && e.Key == "custom");

        i = await p.SubmitAsync(i, "revise", Secretary, "submit", Plan("2026-03-31T18:00:00+08:00", 0.9, "增设访客临时车位10个，老年人车辆优先"));
        Assert.Equal(2.0, Number(i, "round"));
        foreach (var h in Households)
        {
            i = await p.BallotAsync(i, h, h == "hh-tc-10" ? "abstain" : "approve");
        }

        // Everyone voted, so the vote closed at once: 9 of 10 approve = 90%.
        var implement = i.Tasks.Where(t => t.ActivityId == "implement").OrderBy(t => t.ItemIndex).ToList();
        Assert.Equal(["dept-traffic", "dept-municipal"], implement.Select(t => t.CandidateUnit));
        Assert.All(implement, t => Assert.Equal(["department-handler"], t.CandidateRoles));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "publishResult" && n.Body == "参与率100%，同意率90%");

        i = await p.SubmitAsync(i, "implement", Traffic, "done", new { measures = "优化车辆入口闸门设计", completedOn = "2026-04-20" }, t => t.CandidateUnit == "dept-traffic");
        i = await p.SubmitAsync(i, "implement", Municipal, "done", new { measures = "完成地面车位划线120个", completedOn = "2026-04-25" }, t => t.CandidateUnit == "dept-municipal");

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(
            ["start", "plan", "openRound", "announce", "vote", "recordFailed", "revise", "openRound", "announce", "vote", "recordPassed", "publishResult", "implement", "finish"],
            p.Steps(i));
        Assert.Equal("implemented", Text(i, "status"));
        Assert.Equal([false, true], i.Variables["rounds"].EnumerateArray().Select(r => r.GetProperty("passed").GetBoolean()));
        Assert.Equal(2, i.Variables["implementations"].GetArrayLength());
    }

    [Fact]
    public async Task ThresholdSetPerConsultation_SameBallotsPassALowerBar()
    {
        var p = new ProcessHarness("consultation.json");
        var i = await p.StartAsync("consultation", Units, Secretary);

        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-03-16T18:00:00+08:00", threshold: 0.8));
        for (var n = 0; n < 9; n++)
        {
            i = await p.BallotAsync(i, Households[n], n < 8 ? "approve" : "reject");
        }

        i = await p.AdvanceToAsync(i, new DateTimeOffset(2026, 3, 16, 18, 0, 0, TimeSpan.FromHours(8)));

        Assert.Contains("vote:passed", p.Path(i));
        Assert.Equal(2, i.Tasks.Count(t => t.ActivityId == "implement"));
    }

    [Fact]
    public async Task TooFewHouseholdsVote_QuorumMissed_PlanWithdrawnAfterRevision()
    {
        var p = new ProcessHarness("consultation.json");
        var i = await p.StartAsync("consultation", Units, Secretary);
        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-03-16T18:00:00+08:00"));
        for (var n = 0; n < 6; n++)
        {
            i = await p.BallotAsync(i, Households[n], "approve");
        }

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(15));
        Assert.False(i.Variables["tally"].GetProperty("quorumMet").GetBoolean());

        i = await p.SubmitAsync(i, "revise", Secretary, "withdraw", new { });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal("withdrawn", Text(i, "status"));
        Assert.Equal(["vote:failed", "recordFailed:done", "revise:withdraw", "withdrawn:done"], p.Path(i).SkipWhile(s => s != "vote:failed"));
    }
}
