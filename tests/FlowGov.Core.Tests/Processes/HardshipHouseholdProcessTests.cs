using FlowGov.Core.Runtime;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>“三库一单” (workflows/hardship-household.json): visits recur by grade through a Delay with a computed duration.</summary>
public sealed class HardshipHouseholdProcessTests
{
    private static readonly Actor Secretary = new("u-sec-dw", "community-secretary", "comm-dawang");
    private static readonly Actor GridWorker = new("u-gw03", "grid-worker", "grid-dw-03");

    private static readonly object Units = new { householdId = "hh-0092", communityId = "comm-dawang", gridId = "grid-dw-03" };

    private static object Assessment(string grade) => new
    {
        householder = "徐某某",
        members = 3,
        address = "大王街道新园小区7号楼",
        hardships = new[] { "illness", "student" },
        grade,
        reason = "户主大病，子女辍学",
    };

    [Fact]
    public async Task GradeA_VisitedMonthly_RegradedToC_ThenHalfYearly_UntilLeavingTheList()
    {
        var p = new ProcessHarness("hardship-household.json");
        var i = await p.StartAsync("hardship-household", Units, Secretary);
        AssertOfferedTo(await p.TaskAsync(i, "assess"), "community-secretary", "comm-dawang");
        i = await p.SubmitAsync(i, "assess", Secretary, "submit", Assessment("A"));
        Assert.Equal(p.Now.AddMonths(1), NextVisit(i));

        i = await p.AdvanceToAsync(i, NextVisit(i));
        var visit = await p.TaskAsync(i, "visit");
        AssertOfferedTo(visit, "grid-worker", "grid-dw-03");
        Assert.Equal("走访：徐某某（A类）", visit.Title);
        i = await p.SubmitAsync(i, "visit", GridWorker, "record", new
        {
            visitedOn = "2026-04-02",
            situation = "孩子已复学，学杂费全免，户主病情稳定",
            newGrade = "C",
            aid = new object[] { new { type = "education", amount = 2000, note = "助学金" }, new { type = "cash", amount = 500 } },
        });

        // The grade change moved the next visit from a month to half a year.
        Assert.Equal(p.Now.AddMonths(6), NextVisit(i));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "notifyGrade" && n.Title.EndsWith("A→C", StringComparison.Ordinal) && n.Body == "走访周期改为每半年");
        Assert.Equal(("C", 2500.0, 1.0), (Text(i, "grade"), Number(i, "aidTotal"), Number(i, "visits")));

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(31));
        Assert.Empty(i.Tasks); // no monthly visit any more
        i = await p.AdvanceToAsync(i, NextVisit(i));
        Assert.Equal("走访：徐某某（C类）", (await p.TaskAsync(i, "visit")).Title);
        i = await p.SubmitAsync(i, "visit", GridWorker, "record", new { visitedOn = "2026-10-02", situation = "户主已就业", aid = new object[] { new { type = "goods", amount = 300, note = "米面油" } } });
        Assert.Equal(p.Now.AddMonths(6), NextVisit(i));

        i = await p.AdvanceToAsync(i, NextVisit(i));
        i = await p.SubmitAsync(i, "visit", GridWorker, "exit", new { visitedOn = "2027-04-02", situation = "家庭收入稳定", exitReason = "已脱困" });
        AssertOfferedTo(await p.TaskAsync(i, "exitReview"), "community-secretary", "comm-dawang");
        i = await p.SubmitAsync(i, "exitReview", Secretary, "approve", new { opinion = "同意退出名单" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(
            ["start", "assess", "setGrade", "wait", "visit", "applyVisit", "gradeChanged", "notifyGrade", "wait", "visit", "applyVisit", "gradeChanged", "wait", "visit", "exitReview", "leave"],
            p.Steps(i));
        Assert.Equal(["gradeChanged:true", "gradeChanged:false"], p.Path(i).Where(s => s.StartsWith("gradeChanged:", StringComparison.Ordinal)));
        Assert.Equal(("exited", 2.0, 2800.0), (Text(i, "status"), Number(i, "visits"), Number(i, "aidTotal")));
        Assert.Equal(["A", "C"], i.Variables["gradeHistory"].EnumerateArray().Select(g => g.GetProperty("grade").GetString()));
        Assert.Equal(3, i.Variables["aid"].GetArrayLength());
    }

    [Fact]
    public async Task GradeB_VisitedQuarterly_ExitReturnedKeepsVisiting()
    {
        var p = new ProcessHarness("hardship-household.json");
        var i = await p.StartAsync("hardship-household", Units, Secretary);
        i = await p.SubmitAsync(i, "assess", Secretary, "submit", Assessment("B"));
        Assert.Equal(p.Now.AddMonths(3), NextVisit(i));

        i = await p.AdvanceToAsync(i, NextVisit(i));
        i = await p.SubmitAsync(i, "visit", GridWorker, "exit", new { visitedOn = "2026-06-02", situation = "申请退出", exitReason = "子女已工作" });
        i = await p.SubmitAsync(i, "exitReview", Secretary, "return", new { opinion = "户主仍在治疗，继续观察" });

        Assert.Equal(InstanceStatus.Running, i.Status);
        Assert.Equal(p.Now.AddMonths(3), NextVisit(i));
        Assert.Equal("listed", Text(i, "status"));
    }

    private static DateTimeOffset NextVisit(WorkflowInstance i) => Assert.Single(i.Bookmarks, b => b.ActivityId == "wait").DueAt!.Value;
}
