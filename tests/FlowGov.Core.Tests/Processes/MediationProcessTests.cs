using FlowGov.Core.Runtime;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>“5+N”小区事务综合调处 (workflows/mediation-5n.json) driven end to end.</summary>
public sealed class MediationProcessTests
{
    private const string Compound = "compound-xinyuan";
    private static readonly Actor Secretary = new("u-sec-fs", "community-secretary", "comm-fanshen");
    private static readonly Actor Branch = new("u-zbsj", "party-member", Compound);
    private static readonly Actor Owners = new("u-ywh", "owners-committee", Compound);
    private static readonly Actor Property = new("u-wygs", "property-company", Compound);
    private static readonly Actor ResidentRep = new("u-ldz", "building-head", Compound);
    private static readonly Actor Housing = new("u-zjj", "department-handler", "dept-housing");
    private static readonly Actor Traffic = new("u-jj", "department-handler", "dept-traffic");
    private static readonly Actor Street = new("u-jd", "street-officer", "street-wenchang");

    private static readonly object Units = new { communityId = "comm-fanshen", compoundId = Compound, streetId = "street-wenchang" };

    private static readonly object Intake = new
    {
        subject = "新园小区地面停车收费及公共收益分配纠纷",
        disputeType = "parking",
        description = "物业拟对地面停车位收费，业主质疑公共收益去向，双方多次协商未果",
        households = 420,
        applicant = "王女士",
        applicantMobile = "13955612345",
        departments = new[] { "dept-housing", "dept-traffic" },
        meetingAt = "2026-03-12T19:00:00+08:00",
    };

    private static object[] Attendees(params string[] parties) => [.. parties.Select((party, n) => (object)new { party, name = $"参会人{n + 1}", title = "代表" })];

    private static readonly string[] AllSeven = ["community-party", "compound-party", "owners-committee", "property-company", "resident-reps", "dept-housing", "dept-traffic"];

    [Fact]
    public async Task MainPath_FivePartiesPlusTwoDepartments_AgreeAndFollowUpAfterThirtyDays()
    {
        var p = new ProcessHarness("mediation-5n.json");
        var i = await p.StartAsync("mediation-5n", Units, Secretary);
        AssertOfferedTo(await p.TaskAsync(i, "intake"), "community-secretary", "comm-fanshen");
        i = await p.SubmitAsync(i, "intake", Secretary, "submit", Intake);

        // Five fixed parties plus the N = 2 departments, each with the right role at the right unit.
        var views = i.Tasks.Where(t => t.ActivityId == "views").OrderBy(t => t.ItemIndex).ToList();
        Assert.Equal(AllSeven, views.Select(t => t.Item!.Value.GetString()));
        Assert.Equal(
            [("community-secretary", "comm-fanshen"), ("party-member", Compound), ("owners-committee", Compound), ("property-company", Compound), ("building-head", Compound), ("department-handler", "dept-housing"), ("department-handler", "dept-traffic")],
            views.Select(t => (Assert.Single(t.CandidateRoles), t.CandidateUnit)));
        Assert.Contains("业委会", views[2].Title, StringComparison.Ordinal);

        var parties = new[] { Secretary, Branch, Owners, Property, ResidentRep, Housing, Traffic };
        for (var n = 0; n < parties.Length; n++)
        {
            var item = AllSeven[n];
            var outcome = item == "property-company" ? "object" : "submit";
            i = await p.SubmitAsync(i, "views", parties[n], outcome, new { position = $"{item}的意见", proposal = "公共收益公开，停车费用于小区维修", canConcede = "可分期执行" }, t => t.Item!.Value.GetString() == item);
        }

        Assert.Equal((7, 1.0), (i.Variables["views"].GetArrayLength(), Number(i, "objections")));
        Assert.Equal(["submit", "submit", "submit", "object", "submit", "submit", "submit"], i.Variables["views"].EnumerateArray().Select(r => r.GetProperty("outcome").GetString()));
        var meeting = await p.TaskAsync(i, "meeting");

        // The meeting record must show all five fixed parties.
        var missing = await p.ValidateAsync(i, meeting, Secretary, "agreed", Meeting(Attendees("community-party", "compound-party", "owners-committee", "property-company", "dept-housing")));
        Assert.Contains(missing.Errors, e => e.Path == "attendees" && e.Message.Contains("resident-reps", StringComparison.Ordinal));

        i = await p.SubmitAsync(i, "meeting", Secretary, "agreed", Meeting(Attendees(AllSeven)));
        Assert.Equal("implementing", Text(i, "status"));
        Assert.Equal(2, i.Variables["agreement"].GetProperty("commitments").GetArrayLength());

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Empty(i.Tasks);
        i = await p.AdvanceAsync(i, TimeSpan.FromMinutes(1));
        i = await p.SubmitAsync(i, "check", Secretary, "follow-up", new { implementation = "partial", notes = "收益已公示，停车位划线未完成" });
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(30));
        i = await p.SubmitAsync(i, "check", Secretary, "closed", new { implementation = "done", notes = "全部落实，居民满意" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["start", "intake", "pickParties", "views", "countViews", "meeting", "recordAgreement", "implementWait", "check", "again", "implementWait", "check", "close"], p.Steps(i));
        Assert.Equal(("closed", 1.0, "meeting"), (Text(i, "status"), Number(i, "followUps"), i.Variables["agreement"].GetProperty("by").GetString()));
    }

    [Fact]
    public async Task NoAgreement_EscalatesToTheStreet_WhichResolvesAndIsFollowedUp()
    {
        var p = new ProcessHarness("mediation-5n.json");
        var i = await p.StartAsync("mediation-5n", Units, Secretary);
        i = await p.SubmitAsync(i, "intake", Secretary, "submit", Intake);
        var parties = new[] { Secretary, Branch, Owners, Property, ResidentRep, Housing, Traffic };
        for (var n = 0; n < parties.Length; n++)
        {
            var item = AllSeven[n];
            i = await p.SubmitAsync(i, "views", parties[n], "submit", new { position = "坚持本方意见" }, t => t.Item!.Value.GetString() == item);
        }

        i = await p.SubmitAsync(i, "meeting", Secretary, "no-agreement", new
        {
            heldAt = "2026-03-12T19:00:00+08:00",
            attendees = Attendees(AllSeven),
            summary = "物业坚持收费标准，业委会不同意",
            disagreement = "停车收费标准及收益分成比例",
        });

        AssertOfferedTo(await p.TaskAsync(i, "street"), "street-officer", "street-wenchang");
        i = await p.SubmitAsync(i, "street", Street, "resolved", new { decision = "街道牵头核定收费标准", agreement = "收费标准按物价备案执行，收益七成归全体业主" });
        Assert.Equal(("implementing", "street"), (Text(i, "status"), i.Variables["agreement"].GetProperty("by").GetString()));
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(30));
        i = await p.SubmitAsync(i, "check", Secretary, "closed", new { implementation = "done", notes = "已按街道协调意见执行" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["meeting:no-agreement", "street:resolved", "streetAgreement:done", "implementWait:done", "check:closed"], p.Path(i).SkipWhile(s => !s.StartsWith("meeting:", StringComparison.Ordinal)).Take(5));
    }

    [Fact]
    public async Task NoDepartments_OnlyTheFiveFixedPartiesGiveTheirView()
    {
        var p = new ProcessHarness("mediation-5n.json");
        var i = await p.StartAsync("mediation-5n", Units, Secretary);

        i = await p.SubmitAsync(i, "intake", Secretary, "submit", new { subject = "楼道堆物纠纷", disputeType = "environment", description = "楼道长期堆放杂物", applicant = "李先生" });

        Assert.Equal(AllSeven[..5], i.Tasks.Where(t => t.ActivityId == "views").OrderBy(t => t.ItemIndex).Select(t => t.Item!.Value.GetString()));
    }

    private static object Meeting(object attendees) => new
    {
        heldAt = "2026-03-12T19:00:00+08:00",
        venue = "睦邻会客厅",
        attendees,
        summary = "六尺巷工作法：物业让一步降低收费，业主让一步同意有偿停车",
        agreement = "地面停车位每月100元，公共收益每季度公示，收益用于小区维修",
        commitments = new object[]
        {
            new { party = "property-company", commitment = "30日内公示近两年公共收益", dueDate = "2026-04-12" },
            new { party = "owners-committee", commitment = "组织业主签署停车管理公约", dueDate = "2026-04-12" },
        },
    };
}
