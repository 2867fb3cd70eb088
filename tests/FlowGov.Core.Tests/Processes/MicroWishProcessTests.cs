using FlowGov.Core.Runtime;
using static FlowGov.Core.Tests.Processes.ProcessHarness;

namespace FlowGov.Core.Tests.Processes;

/// <summary>微心愿 (workflows/micro-wish.json) and 双报到 (workflows/party-member-registration.json).</summary>
public sealed class MicroWishProcessTests
{
    private static readonly Actor Resident = new("u-res-wang", "resident", "comm-xincheng");
    private static readonly Actor Member = new("u-pm-liu", "party-member", "comm-xincheng");
    private static readonly Actor OtherMember = new("u-pm-chen", "party-member", "comm-xincheng");
    private static readonly Actor Secretary = new("u-sec-xc", "community-secretary", "comm-xincheng");

    private static readonly object Wish = new { title = "给孙子买一套初中学习辅导书", category = "study", description = "孩子父母在外务工", budget = 120, contact = "13804101234", address = "新城社区5号楼2单元" };

    private static readonly object Claim = new { memberName = "刘党员", mobile = "13904105678", plannedDate = "2026-03-10", note = "周末送上门" };

    [Fact]
    public async Task MainPath_ResidentPosts_MemberClaimsAndFulfils_ResidentConfirms()
    {
        var p = new ProcessHarness("micro-wish.json");
        var i = await p.StartAsync("micro-wish", new { communityId = "comm-xincheng" }, Resident);
        i = await p.SubmitAsync(i, "post", Resident, "submit", Wish);
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "publish" && n.Roles.SequenceEqual(["party-member"]) && n.Unit == "comm-xincheng");
        var claim = await p.TaskAsync(i, "claim");
        AssertOfferedTo(claim, "party-member", "comm-xincheng");
        Assert.Equal(p.Now.AddDays(14), claim.DueAt);

        // The claim form records who claimed it from the signed-in user, whatever was sent.
        i = await p.SubmitAsync(i, "claim", Member, "claim", new { memberId = "u-someone-else", memberName = "刘党员", mobile = "13904105678", plannedDate = "2026-03-10" });
        Assert.Equal(Member.Id, Text(i, "memberId"));
        Assert.Equal(Member.Id, (await p.TaskAsync(i, "fulfil")).Assignee);

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(6));
        i = await p.SubmitAsync(i, "fulfil", Member, "done", new { fulfilledOn = "2026-03-08", description = "已送上辅导书一套", photos = new[] { AttachmentId("books") } });
        Assert.Equal(Resident.Id, (await p.TaskAsync(i, "confirm")).Assignee);
        i = await p.SubmitAsync(i, "confirm", Resident, "fulfilled", new { rating = 5, comment = "谢谢刘书记" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["start", "post", "publish", "claim", "recordClaim", "fulfil", "confirm", "done", "thank"], p.Steps(i));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "thank" && n.Users.SequenceEqual([Member.Id]) && n.Body == "谢谢刘书记");
        Assert.Equal(("fulfilled", 0.0, 1.0), (Text(i, "status"), Number(i, "nudges"), Number(i, "attempts")));
        Assert.DoesNotContain(p.Notifications(i), n => n.ActivityId is "nudge" or "unclaimed");
    }

    [Fact]
    public async Task Unclaimed_SevenDaysNudgesMembers_FourteenDaysTellsTheSecretary_ThenNotFulfilledGoesBackToTheMember()
    {
        var p = new ProcessHarness("micro-wish.json");
        var i = await p.StartAsync("micro-wish", new { communityId = "comm-xincheng" }, Resident);
        i = await p.SubmitAsync(i, "post", Resident, "submit", Wish);

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(p.Notifications(i), n => n.ActivityId == "nudge");
        i = await p.AdvanceAsync(i, TimeSpan.FromMinutes(1));
        var nudge = Assert.Single(p.Notifications(i), n => n.ActivityId == "nudge");
        Assert.Equal(["party-member"], nudge.Roles);
        Assert.Equal("comm-xincheng", nudge.Unit);
        Assert.Equal(1.0, Number(i, "nudges"));

        i = await p.AdvanceAsync(i, TimeSpan.FromDays(7));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "unclaimed" && n.Roles.SequenceEqual(["community-secretary"]));
        Assert.Equal(DeadlineState.Overdue, (await p.TaskAsync(i, "claim")).DeadlineState);

        i = await p.SubmitAsync(i, "claim", OtherMember, "claim", Claim);
        i = await p.SubmitAsync(i, "fulfil", OtherMember, "done", new { fulfilledOn = "2026-03-20", description = "买错了年级" });
        i = await p.SubmitAsync(i, "confirm", Resident, "not-fulfilled", new { rating = 2, comment = "是初二的书" });

        Assert.Equal(OtherMember.Id, (await p.TaskAsync(i, "fulfil")).Assignee);
        i = await p.SubmitAsync(i, "fulfil", OtherMember, "done", new { fulfilledOn = "2026-03-22", description = "已换成初二辅导书" });
        i = await p.SubmitAsync(i, "confirm", Resident, "fulfilled", new { rating = 4 });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["claim:warning", "claim:overdue", "claim:claim"], p.Path(i).Where(s => s.StartsWith("claim:", StringComparison.Ordinal)));
        Assert.Equal(["confirm:not-fulfilled", "retry:done", "fulfil:done", "confirm:fulfilled"], p.Path(i).SkipWhile(s => s != "confirm:not-fulfilled").Take(4));
        Assert.Equal(2.0, Number(i, "attempts"));
    }

    [Fact]
    public async Task Registration_ReturnedForCompletion_ThenConfirmedWithGridAndPost()
    {
        var p = new ProcessHarness("party-member-registration.json");
        var i = await p.StartAsync("party-member-registration", null, Member with { Unit = "org-city-finance" });
        Assert.Equal(Member.Id, (await p.TaskAsync(i, "register")).Assignee);
        var registration = new { name = "刘党员", mobile = "13904105678", workUnit = "市财政局", partyOrg = "市财政局机关第二党支部", kind = "residence", community = "comm-xincheng", skills = new[] { "volunteer", "wishes" }, unitHead = true };

        i = await p.SubmitAsync(i, "register", Member, "submit", registration);
        AssertOfferedTo(await p.TaskAsync(i, "confirm"), "community-secretary", "comm-xincheng");
        i = await p.SubmitAsync(i, "confirm", Secretary, "return", new { opinion = "请补充服务时间" });
        Assert.Equal("returned", Text(i, "status"));
        i = await p.SubmitAsync(i, "register", Member, "submit", registration with { skills = new[] { "volunteer", "wishes", "mediation" } });
        i = await p.SubmitAsync(i, "confirm", Secretary, "confirm", new { grid = "grid-xc-03", post = "unit-head", opinion = "安排为5号楼单元长" });

        Assert.Equal(InstanceStatus.Completed, i.Status);
        Assert.Equal(["register:submit", "setCommunity:done", "confirm:return", "returned:done", "register:submit", "setCommunity:done", "confirm:confirm"], p.Path(i).Skip(1).Take(7));
        Assert.Equal((Member.Id, "comm-xincheng", "grid-xc-03", "unit-head"), (Text(i, "memberId"), Text(i, "communityId"), Text(i, "gridId"), Text(i, "post")));
        Assert.Contains(p.Notifications(i), n => n.ActivityId == "welcome" && n.Users.SequenceEqual([Member.Id]));
        Assert.Equal("residence", i.Output!.Value.GetProperty("kind").GetString());
    }
}
