using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>网格事件闭环 (workflows/grid-event.json) driven end to end.</summary>
public sealed class GridEventProcessTests
{
    private static readonly Actor Worker = new("u-gw07", "grid-worker", "grid-07");
    private static readonly Actor Secretary = new("u-sec-fs", "community-secretary", "comm-fanshen");
    private static readonly Actor MunicipalWorks = new("u-szy", "department-handler", "dept-municipal");
    private static readonly Actor UrbanManagement = new("u-cgj", "department-handler", "dept-urban");
    private static readonly Actor Supervisor = new("u-dbs", "supervisor", "street-wenchang");
    private static readonly Actor Street = new("u-jd", "street-officer", "street-wenchang");

    private static readonly object Units = new { gridId = "grid-07", communityId = "comm-fanshen", streetId = "street-wenchang" };

    private static object LoosePaving(string category = "city.roads.paving.loose-paving") => new
    {
        category,
        description = "幸福路12号门前人行道板松动，老人出行易绊倒",
        urgent = false,
        photos = new[] { AttachmentId("paving-1"), AttachmentId("paving-2") },
        location = new { lat = 31.0412, lng = 116.9387, address = "文昌街道幸福路12号" },
        grid = "grid-07",
    };

    private static readonly object Repaired = new { result = "已更换松动人行道板6块并压实", photos = new[] { AttachmentId("fixed-1") }, finishedAt = "2026-03-03T15:30:00+08:00" };

    [Fact]
    public async Task MainPath_LoosePavingDispatchedByCategory_RepairedVisitedAndArchived()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        Assert.Equal(Worker.Id, (await p.TaskAsync(i, "report")).Assignee);

        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving());
        var triage = await p.TaskAsync(i, "triage");
        AssertOfferedTo(triage, "community-secretary", "comm-fanshen");
        Assert.Equal("dept-municipal", Text(i, "suggestedDepartment"));

        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department", opinion = "属市政设施，按分类派市政园林局" });
        var handle = await p.TaskAsync(i, "handle");
        AssertOfferedTo(handle, "department-handler", "dept-municipal");
        Assert.Equal(EngineHarness.Monday9.AddDays(3), handle.DueAt);   // 3 working days, Monday → Thursday
        Assert.Equal(EngineHarness.Monday9.AddDays(2), handle.WarnAt);  // at two thirds

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(1));
        i = await p.SubmitAsync(i, "handle", MunicipalWorks, "done", Repaired);
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "notifyReporter" && n.Users.SequenceEqual([Worker.Id]) && n.Body == "已更换松动人行道板6块并压实");
        Assert.Equal("closed", Text(i, "status"));

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Empty(i.Tasks);
        i = await p.AdvanceAsync(i, TimeSpan.FromMinutes(1));
        AssertOfferedTo(await p.TaskAsync(i, "visit"), "grid-worker", "grid-07");

        i = await p.SubmitAsync(i, "visit", Worker, "satisfied", new { contactMethod = "phone", satisfaction = 5, comment = "修得很及时" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(
            ["start", "report", "classify", "triage", "route", "handle", "close", "notifyReporter", "followUpWait", "visit", "archive"],
            p.Steps(i));
        Assert.Equal(("archived", 5.0, "dept-municipal", "dept-municipal"), (Text(i, "status"), Number(i, "satisfaction"), Text(i, "department"), Text(i, "handlerUnit")));
        Assert.Equal((0, 0.0, 0.0), (i.Variables["returns"].GetArrayLength(), Number(i, "escalations"), Number(i, "reopenCount")));
        Assert.Equal("city.roads.paving.loose-paving", i.Output!.Value.GetProperty("category").GetString());
        Assert.DoesNotContain(p.Notifications(i), n => n.ActivityId is "warn" or "superviseNotice");
    }

    [Fact]
    public async Task Report_WithoutPhotosOrWithACategoryThatIsNotAnItem_IsRejectedByItsForm()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        var report = await p.TaskAsync(i, "report");

        var noPhotos = await p.ValidateAsync(i, report, Worker, "submit", new { category = "city.roads.paving.loose-paving", description = "人行道板松动", location = new { lat = 31.04, lng = 116.93 }, grid = "grid-07" });
        var notAnItem = await p.ValidateAsync(i, report, Worker, "submit", LoosePaving("city.roads"));
        var unknown = await p.ValidateAsync(i, report, Worker, "submit", LoosePaving("city.roads.paving.flying-carpet"));

        Assert.Contains(noPhotos.Errors, e => e.Path == "photos" && e.Key == "field.required");
        Assert.Contains(notAnItem.Errors, e => e.Path == "category" && e.Key == "category.notItem");
        Assert.Contains(unknown.Errors, e => e.Path == "category" && e.Key == "category.unknown");
    }

    [Fact]
    public async Task Overdue_DepartmentMissesThreeWorkingDays_WarnedThenEscalatedToSupervisor()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving());
        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department" });

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(2));
        var warning = Assert.Single(p.Notifications(i), n => n.ActivityId == "warn");
        Assert.Equal(["department-handler"], warning.Roles);
        Assert.Equal("dept-municipal", warning.Unit);
        Assert.Equal(DeadlineState.Warned, (await p.TaskAsync(i, "handle")).DeadlineState);
        Assert.Null(i.Tasks.FirstOrDefault(t => t.ActivityId == "supervise"));

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(1));
        var supervise = await p.TaskAsync(i, "supervise");
        AssertOfferedTo(supervise, "supervisor", "street-wenchang");
        Assert.Equal(DeadlineState.Overdue, (await p.TaskAsync(i, "handle")).DeadlineState);
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "superviseNotice" && n.Roles.SequenceEqual(["supervisor"]) && n.Unit == "street-wenchang");
        Assert.Equal(("overdue", 1.0), (Text(i, "status"), Number(i, "escalations")));

        i = await p.SubmitAsync(i, "supervise", Supervisor, "issue", new { method = "onsite", instruction = "请于3月6日前办结并反馈", newDeadline = "2026-03-06" });
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "urge" && n.Unit == "dept-municipal" && n.Body == "请于3月6日前办结并反馈");

        i = await p.SubmitAsync(i, "handle", MunicipalWorks, "done", Repaired);
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7));
        i = await p.SubmitAsync(i, "visit", Worker, "satisfied", new { contactMethod = "home", satisfaction = 4 });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["handle:warning", "handle:overdue", "supervise:issue", "handle:done"], p.Path(i).Where(s => s.StartsWith("handle:", StringComparison.Ordinal) || s.StartsWith("supervise:", StringComparison.Ordinal)));
        Assert.Equal(1.0, i.Output!.Value.GetProperty("escalations").GetDouble());
    }

    [Fact]
    public async Task SendBack_DepartmentSaysNotOurs_CommunityReroutesToAnotherDepartment()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving("city.order.occupation.street-vendor"));
        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department", department = "dept-municipal" });
        AssertOfferedTo(await p.TaskAsync(i, "handle"), "department-handler", "dept-municipal");

        // 退单: no result needed, the reason is kept.
        i = await p.SubmitAsync(i, "handle", MunicipalWorks, "reject", new { reason = "占道经营属城管执法职责，建议派城管局" });
        var second = await p.TaskAsync(i, "triage");
        AssertOfferedTo(second, "community-secretary", "comm-fanshen");
        Assert.Equal("returned", Text(i, "status"));
        var returned = Assert.Single(i.Variables["returns"].EnumerateArray());
        Assert.Equal(("dept-municipal", "占道经营属城管执法职责，建议派城管局"), (returned.GetProperty("unit").GetString(), returned.GetProperty("reason").GetString()));

        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department", department = "dept-urban", opinion = "改派城管局" });
        AssertOfferedTo(await p.TaskAsync(i, "handle"), "department-handler", "dept-urban");
        i = await p.SubmitAsync(i, "handle", UrbanManagement, "done", new { result = "已劝离占道摊贩并规范设点" });
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7));
        i = await p.SubmitAsync(i, "visit", Worker, "satisfied", new { contactMethod = "phone", satisfaction = 4 });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["triage:dispatch", "handle:reject", "recordReturn:done", "triage:dispatch", "handle:done"],
            p.Path(i).Where(s => s.StartsWith("triage:", StringComparison.Ordinal) || s.StartsWith("handle:", StringComparison.Ordinal) || s.StartsWith("recordReturn:", StringComparison.Ordinal)));
        Assert.Equal("dept-urban", Text(i, "department"));
        Assert.Equal(["dept-municipal", "dept-urban"], p.AllTasks(i).Where(t => t.ActivityId == "handle").Select(t => t.CandidateUnit));
    }

    [Fact]
    public async Task Unsatisfied_FollowUpVisit_ReopensToTheSameDepartment()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving());
        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department" });
        i = await p.SubmitAsync(i, "handle", MunicipalWorks, "done", Repaired);
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7));

        i = await p.SubmitAsync(i, "visit", Worker, "unsatisfied", new { contactMethod = "home", satisfaction = 2, comment = "修补后又松动了" });

        var reopened = await p.TaskAsync(i, "handle");
        AssertOfferedTo(reopened, "department-handler", "dept-municipal");
        Assert.Equal(p.Now.AddDays(3), reopened.DueAt);
        Assert.Equal(("reopened", 1.0, 2.0), (Text(i, "status"), Number(i, "reopenCount"), Number(i, "satisfaction")));

        i = await p.SubmitAsync(i, "handle", MunicipalWorks, "done", new { result = "重新铺设基层后更换整段人行道板" });
        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7));
        i = await p.SubmitAsync(i, "visit", Worker, "satisfied", new { contactMethod = "home", satisfaction = 5 });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["visit:unsatisfied", "reopen:done", "handle:done", "close:done"], p.Path(i).SkipWhile(s => s != "visit:unsatisfied").Take(4));
        Assert.Equal(["dept-municipal", "dept-municipal"], p.AllTasks(i).Where(t => t.ActivityId == "handle").Select(t => t.CandidateUnit));
        Assert.Equal((5.0, "archived"), (Number(i, "satisfaction"), Text(i, "status")));
    }

    [Fact]
    public async Task SmallMatter_ResolvedInsideTheGrid_ByTheGridWorker()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving("city.order.ads.flyers"));

        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "grid", opinion = "小事一格解决" });

        AssertOfferedTo(await p.TaskAsync(i, "handle"), "grid-worker", "grid-07");
        i = await p.SubmitAsync(i, "handle", Worker, "done", new { result = "已清理楼道小广告" });
        Assert.Equal(("grid", "grid-07"), (Text(i, "level"), Text(i, "handlerUnit")));
    }

    [Fact]
    public async Task CategoryWithoutDepartment_DispatchedToDepartmentByCategory_GoesToTheStreet()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving("service.policy.consult.policy-question"));

        i = await p.SubmitAsync(i, "triage", Secretary, "dispatch", new { level = "department" });

        AssertOfferedTo(await p.TaskAsync(i, "handle"), "street-officer", "street-wenchang");
        i = await p.SubmitAsync(i, "handle", Street, "done", new { result = "已电话答复居民医保政策" });
        Assert.Equal("street", Text(i, "level"));
    }

    [Fact]
    public async Task Invalid_DuplicateReport_DismissedAtTriage()
    {
        var p = new ProcessHarness("grid-event.json");
        var i = await p.StartAsync("grid-event", Units, Worker);
        i = await p.SubmitAsync(i, "report", Worker, "submit", LoosePaving());

        i = await p.SubmitAsync(i, "triage", Secretary, "invalid", new { opinion = "与昨日上报事件重复" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal("dismissed", Text(i, "status"));
        Assert.Equal(["start", "report", "classify", "triage", "dismiss"], p.Steps(i));
    }
}
