using System.Text.Json;
using FlowGov.Core.Runtime;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>“三个清单” (workflows/needs-resources.json): needs, resources, matching, projects, delivery, resident confirmation.</summary>
public sealed class NeedsResourcesProcessTests
{
    private static readonly Actor Secretary = new("u-sec-xc", "community-secretary", "comm-xincheng");
    private static readonly Actor Health = new("u-wjw", "department-handler", "dept-health");
    private static readonly Actor Bank = new("u-bank", "department-handler", "unit-bank-kaiyuan");
    private static readonly Actor School = new("u-school", "department-handler", "unit-school-2");
    private static readonly Actor Zhang = new("u-res-zhang", "resident", "comm-xincheng");
    private static readonly Actor Li = new("u-res-li", "resident", "comm-xincheng");

    private static readonly object Units = new { communityId = "comm-xincheng", partnerUnits = new[] { "dept-health", "unit-bank-kaiyuan", "unit-school-2" } };

    // The community centre and places within a few hundred metres to ten kilometres of it.
    private static object At(double northKm, string address) => new { lat = 42.5465 + (northKm / 111.2), lng = 124.0445, address };

    private static readonly object Needs = new
    {
        needs = new object[]
        {
            new { title = "独居老人上门体检", category = "health", location = At(0, "新城社区3号楼"), households = 12, resident = "u-res-zhang" },
            new { title = "双职工子女放学后托管", category = "children", location = At(0.2, "新城社区活动室"), households = 20, resident = "u-res-li" },
            new { title = "老旧楼道声控灯维修", category = "repair", location = At(0.1, "新城社区7号楼"), resident = "u-res-li" },
        },
    };

    private static object Resources(params object[] rows) => new { resources = rows };

    private static object Resource(string title, string category, double northKm, int capacity = 1) =>
        new { title, category, capacity, location = At(northKm, title + "地点"), contact = "13804100000" };

    [Fact]
    public async Task MainPath_MatchedByCategoryAndDistance_ConfirmedDeliveredAndConfirmedByResidents()
    {
        var p = new ProcessHarness("needs-resources.json");
        var i = await p.StartAsync("needs-resources", Units, Secretary);
        AssertOfferedTo(await p.TaskAsync(i, "needs"), "community-secretary", "comm-xincheng");
        Assert.Equal(["dept-health", "unit-bank-kaiyuan", "unit-school-2"], i.Tasks.Where(t => t.ActivityId == "resources").OrderBy(t => t.ItemIndex).Select(t => t.CandidateUnit));

        i = await p.SubmitAsync(i, "needs", Secretary, "submit", Needs);
        i = await PostResourcesAsync(p, i);

        // Both health resources fit the category; the near one wins. Nothing fits the lights.
        var proposals = i.Variables["proposals"].EnumerateArray().ToList();
        Assert.Equal(
            [("独居老人上门体检", "dept-health", "家庭医生上门义诊"), ("双职工子女放学后托管", "unit-school-2", "课后托管志愿服务")],
            proposals.Select(x => (x.GetProperty("title").GetString(), x.GetProperty("unit").GetString(), x.GetProperty("resource").GetString())));
        Assert.True(proposals[0].GetProperty("score").GetDouble() > 90);
        Assert.Equal(["老旧楼道声控灯维修"], i.Variables["unmatched"].EnumerateArray().Select(x => x.GetString()));

        i = await p.SubmitAsync(i, "confirm", Secretary, "confirm", new { accepted = new[] { "p1", "p2" }, meetingDate = "2026-03-05", notes = "大党委联席会议确定2个项目" });

        var dispatched = i.Tasks.Where(t => t.ActivityId == "dispatch").OrderBy(t => t.ItemIndex).ToList();
        Assert.Equal(["dept-health", "unit-school-2"], dispatched.Select(t => t.CandidateUnit));
        Assert.All(dispatched, t => Assert.Equal(["department-handler"], t.CandidateRoles));
        Assert.Equal("项目清单：独居老人上门体检（家庭医生上门义诊）", dispatched[0].Title);

        i = await p.SubmitAsync(i, "dispatch", Health, "done", new { result = "12户老人完成体检并建档", completedOn = "2026-03-10", served = 12 }, t => t.CandidateUnit == "dept-health");
        i = await p.SubmitAsync(i, "dispatch", School, "done", new { result = "开设四点半课堂", completedOn = "2026-03-12", served = 20 }, t => t.CandidateUnit == "unit-school-2");

        var confirmations = i.Tasks.Where(t => t.ActivityId == "residentConfirm").OrderBy(t => t.ItemIndex).ToList();
        Assert.Equal(["u-res-zhang", "u-res-li"], confirmations.Select(t => t.Assignee));
        i = await p.SubmitAsync(i, "residentConfirm", Zhang, "confirm", new { rating = 5, comment = "医生很耐心" }, t => t.Assignee == Zhang.Id);
        i = await p.SubmitAsync(i, "residentConfirm", Li, "confirm", new { rating = 4 }, t => t.Assignee == Li.Id);

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["start", "fork", "needs", "resources", "join", "match", "confirm", "buildProjects", "dispatch", "residentConfirm", "summarize"], p.Steps(i).Distinct());
        var summary = i.Variables["summary"];
        Assert.Equal((3, 4, 2, 2, 1, 32, 4.5),
            (summary.GetProperty("needs").GetInt32(), summary.GetProperty("resources").GetInt32(), summary.GetProperty("projects").GetInt32(),
             summary.GetProperty("solved").GetInt32(), summary.GetProperty("unmatched").GetInt32(), summary.GetProperty("served").GetInt32(), summary.GetProperty("averageRating").GetDouble()));
    }

    [Fact]
    public async Task MeetingDropsAProposalAndAResidentSaysUnsolved_OnlyConfirmedProjectsRunAndCount()
    {
        var p = new ProcessHarness("needs-resources.json");
        var i = await p.StartAsync("needs-resources", Units, Secretary);
        i = await p.SubmitAsync(i, "needs", Secretary, "submit", Needs);
        i = await PostResourcesAsync(p, i);
        var confirm = await p.TaskAsync(i, "confirm");

        var unknown = await p.ValidateAsync(i, confirm, Secretary, "confirm", new { accepted = new[] { "p9" }, meetingDate = "2026-03-05" });
        Assert.Contains(unknown.Errors, e => e.Path == "accepted" && e.Key == "option.invalid");

        i = await p.SubmitAsync(i, "confirm", Secretary, "confirm", new { accepted = new[] { "p2" }, meetingDate = "2026-03-05", notes = "体检项目并入区卫健委统一安排" });
        var only = Assert.Single(i.Tasks);
        Assert.Equal(("dispatch", "unit-school-2"), (only.ActivityId, only.CandidateUnit));
        i = await p.SubmitAsync(i, "dispatch", School, "done", new { result = "开设四点半课堂", completedOn = "2026-03-12", served = 8 });
        i = await p.SubmitAsync(i, "residentConfirm", Li, "unsolved", new { rating = 2, comment = "名额太少" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        var summary = i.Variables["summary"];
        Assert.Equal((1, 0), (summary.GetProperty("projects").GetInt32(), summary.GetProperty("solved").GetInt32()));
        Assert.Equal("unsolved", i.Variables["confirmations"][0].GetProperty("outcome").GetString());
    }

    private static async Task<WorkflowInstance> PostResourcesAsync(ProcessHarness p, WorkflowInstance i)
    {
        i = await p.SubmitAsync(i, "resources", Health, "submit", Resources(Resource("家庭医生上门义诊", "health", 0.3, 2)), t => t.CandidateUnit == "dept-health");
        i = await p.SubmitAsync(i, "resources", Bank, "submit", Resources(Resource("员工志愿体检咨询", "health", 8), Resource("反诈宣传讲座", "legal", 1)), t => t.CandidateUnit == "unit-bank-kaiyuan");
        Assert.Equal("unit-school-2", Assert.Single(i.Tasks).CandidateUnit); // the join still waits for the school
        return await p.SubmitAsync(i, "resources", School, "submit", Resources(Resource("课后托管志愿服务", "children", 0.5)), t => t.CandidateUnit == "unit-school-2");
    }
}
