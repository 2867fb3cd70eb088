using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Core.Validation;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>“一季一品” (workflows/seasonal-campaign.json): quarterly start, brand by season, plan approval, registration batches, results.</summary>
public sealed class SeasonalCampaignProcessTests
{
    private static readonly Actor Secretary = new("u-sec-dw", "community-secretary", "comm-dawang");
    private static readonly Actor GridWorker = new("u-gw03", "grid-worker", "comm-dawang");
    private static readonly Actor Street = new("u-jd-dw", "street-officer", "street-dawang");

    private static readonly DateTimeOffset April1 = new(2026, 4, 1, 8, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Trigger_Cron_FirstDayOfEachQuarterAtEight()
    {
        var trigger = Assert.Single(ProcessLibrary.Load("seasonal-campaign.json").Triggers);

        Assert.Equal(("cron", "0 0 8 1 1,4,7,10 ?"), (trigger.Type, trigger.Cron));
        Assert.True(QuartzCron.IsValid(trigger.Cron), QuartzCron.Check(trigger.Cron));
    }

    [Theory]
    [InlineData("2027-01-01T08:00:00+08:00", "spring", "春·助企帮招")]
    [InlineData("2026-04-01T08:00:00+08:00", "summer", "夏·相亲结缘")]
    [InlineData("2026-07-01T08:00:00+08:00", "autumn", "秋·养老托育")]
    [InlineData("2026-10-01T08:00:00+08:00", "winter", "冬·纾困解难")]
    [InlineData("2026-03-31T23:30:00+08:00", "spring", "春·助企帮招")] // still March in the district's time zone (15:30 UTC)
    public async Task PickSeason_StartedByTheQuarterlyTrigger_ChoosesTheSeasonsBrand(string at, string season, string brand)
    {
        var p = new ProcessHarness("seasonal-campaign.json");
        p.Engine.Clock.SetUtcNow(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        var i = await StartAsScheduledAsync(p);

        Assert.Equal((season, brand, at[..4]), (Text(i, "season"), Text(i, "brand"), Text(i, "year")));
        Assert.Equal(at[..4] + "年" + brand + "活动方案", (await p.TaskAsync(i, "plan")).Title);
    }

    [Fact]
    public async Task MainPath_SummerPlanReturnedOnceThenApproved_BatchesUntilClosingDate_ResultsReported()
    {
        var p = new ProcessHarness("seasonal-campaign.json");
        p.Engine.Clock.SetUtcNow(April1);
        var i = await StartAsScheduledAsync(p);
        AssertOfferedTo(await p.TaskAsync(i, "plan"), "community-secretary", "comm-dawang");

        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-04-20T18:00:00+08:00"));
        AssertOfferedTo(await p.TaskAsync(i, "approve"), "street-officer", "street-dawang");
        i = await p.SubmitAsync(i, "approve", Street, "return", new { opinion = "请补充协办企业名单" });
        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-04-20T18:00:00+08:00", partners: "胜华波、茶花、亚美日化等12家企业"));
        i = await p.SubmitAsync(i, "approve", Street, "approve", new { opinion = "同意" });
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "publish" && n.Title.StartsWith("夏·相亲结缘：", StringComparison.Ordinal));

        i = await p.SubmitAsync(i, "batch", Secretary, "submit", Batch("window", 3));
        Assert.Equal("夏·相亲结缘报名登记（第2批）", (await p.TaskAsync(i, "batch")).Title);
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(5));
        i = await p.SubmitAsync(i, "batch", GridWorker, "submit", Batch("onsite", 2));
        Assert.Equal((5.0, 2.0), (Number(i, "registered"), Number(i, "batches")));

        i = await p.AdvanceToAsync(i, new DateTimeOffset(2026, 4, 20, 18, 0, 0, TimeSpan.FromHours(8)));

        // The closing date ended registration: the open batch was cancelled, the report is due.
        Assert.Equal(HumanTaskStatus.Cancelled, p.AllTasks(i).Last(t => t.ActivityId == "batch").Status);
        var report = await p.TaskAsync(i, "report");
        var tooMany = await p.ValidateAsync(i, report, Secretary, "submit", new { matched = 6 });
        Assert.Contains(tooMany.Errors, e => e.Path == "matched" && e.Key == "custom");

        i = await p.SubmitAsync(i, "report", Secretary, "submit", new { registered = 999, matched = 2, eventsHeld = 2, highlights = "两场联谊会，2对结缘" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(5, i.Variables["results"].GetProperty("registered").GetInt32());  // computed, not what was sent
        Assert.Equal(5, i.Forms["report"].GetProperty("registered").GetInt32());
        Assert.Equal((2, 0.4, "夏·相亲结缘", 1.0), (i.Variables["results"].GetProperty("matched").GetInt32(), i.Variables["results"].GetProperty("rate").GetDouble(), i.Variables["results"].GetProperty("brand").GetString(), Number(i, "returns")));
        Assert.Equal(["plan:submit", "approve:return", "countReturn:done", "plan:submit", "approve:approve"], p.Path(i).Where(s => s.StartsWith("plan:", StringComparison.Ordinal) || s.StartsWith("approve:", StringComparison.Ordinal) || s.StartsWith("countReturn:", StringComparison.Ordinal)));
        Assert.Contains("closes:done", p.Path(i));
    }

    [Fact]
    public async Task FinishEarly_RegistrationClosedByTheCommunity_CancelsTheClosingTimer()
    {
        var p = new ProcessHarness("seasonal-campaign.json");
        p.Engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.FromHours(8)));
        var i = await StartAsScheduledAsync(p);
        i = await p.SubmitAsync(i, "plan", Secretary, "submit", Plan("2026-10-31T18:00:00+08:00", eventDate: "2026-10-25"));
        i = await p.SubmitAsync(i, "approve", Street, "approve", new { });
        i = await p.SubmitAsync(i, "batch", Secretary, "submit", Batch("window", 4));

        i = await p.SubmitAsync(i, "batch", Secretary, "finish", new { });

        Assert.DoesNotContain(i.Bookmarks, b => b.Kind == BookmarkKind.Timer && b.ActivityId == "closes");
        i = await p.SubmitAsync(i, "report", Secretary, "submit", new { matched = 4, highlights = "慰问困难家庭4户" });
        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(("winter", 4), (i.Variables["results"].GetProperty("season").GetString(), i.Variables["results"].GetProperty("registered").GetInt32()));
        Assert.DoesNotContain("closes:done", p.Path(i));
    }

    /// <summary>Starts an instance the way the scheduler does for the quarterly trigger: its input, started by the system.</summary>
    private static Task<WorkflowInstance> StartAsScheduledAsync(ProcessHarness p)
    {
        var trigger = p.Definition("seasonal-campaign").Triggers.Single();
        var input = JsonSerializer.Deserialize<Dictionary<string, object>>(trigger.Input!.Value.GetRawText())!;
        input["communityId"] = "comm-dawang";
        input["streetId"] = "street-dawang";
        return p.StartAsync("seasonal-campaign", input, new Actor("system:cron", "admin", null));
    }

    private static object Plan(string closesAt, string? partners = null, string eventDate = "2026-04-25") => new
    {
        title = "全城热恋·社区交友会",
        goals = "服务辖区50多家企业青年职工交友",
        events = new object[] { new { name = "社区交友会", date = eventDate, venue = "大王街道党群服务中心" } },
        registrationClosesAt = closesAt,
        target = 100,
        partners,
        budget = 3000,
    };

    private static object Batch(string channel, int people) => new
    {
        channel,
        registrants = Enumerable.Range(1, people).Select(n => (object)new { name = $"报名人{n}", mobile = $"1395561{n:0000}", need = "交友" }).ToArray(),
    };
}
