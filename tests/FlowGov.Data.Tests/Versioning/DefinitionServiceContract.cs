using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Validation;
using FlowGov.Data.Entities;
using FlowGov.Data.Tests.Infrastructure;
using FlowGov.Data.Versioning;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Versioning;

/// <summary>Drafts, publishing, retiring and rollback, once per provider.</summary>
public abstract class DefinitionServiceContract(IDatabaseSource source)
{
    private const string D = TestDefinitions.District;

    [Fact]
    public async Task SaveDraftAsync_StaleRevision_ThrowsWithCurrentRevision()
    {
        var h = await NewHarnessAsync();
        var r1 = await h.Definitions.SaveDraftAsync(TestDefinitions.Single(), 0, Harness.Author);
        var r2 = await h.Definitions.SaveDraftAsync(TestDefinitions.Single() with { Name = "改名" }, r1, Harness.Author);

        var ex = await Assert.ThrowsAsync<StaleRevisionException>(() => h.Definitions.SaveDraftAsync(TestDefinitions.Single() with { Name = "冲突" }, r1, Harness.Author));
        var create = await Assert.ThrowsAsync<StaleRevisionException>(() => h.Definitions.SaveDraftAsync(TestDefinitions.Single(), 0, Harness.Author));

        Assert.Equal((1, 2), (r1, r2));
        Assert.Equal(2, ex.CurrentRevision);
        Assert.Equal(2, create.CurrentRevision);
        Assert.Equal("改名", (await h.Definitions.GetDraftAsync(D, "single"))!.Definition.Name);
    }

    [Fact]
    public async Task PublishAsync_Draft_StampsVersionHashAndNote()
    {
        var h = await NewHarnessAsync();
        var r = await h.Definitions.SaveDraftAsync(TestDefinitions.Single(), 0, Harness.Author, new DefinitionRef("template", 3));

        var v1 = await h.Definitions.PublishAsync(D, "single", r, "首版", Harness.Author);
        var v2 = await h.Definitions.PublishAsync(D, "single", r + 1, "再版", Harness.Author);
        var published = await h.Store.FindDefinitionAsync(D, "single", null);

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal(DefinitionHasher.Hash(TestDefinitions.Single() with { Version = 1 }), v1.ContentHash);
        Assert.Equal(v1.ContentHash, v2.ContentHash);
        Assert.Equal("首版", v1.ChangeNote);
        Assert.Equal(Harness.Epoch, v1.PublishedAt);
        Assert.Equal(new DefinitionRef("template", 3), v1.ForkedFrom);
        Assert.Equal(2, published!.Version);
        Assert.Equal(v2.ContentHash, published.ContentHash);
    }

    [Fact]
    public async Task PublishAsync_StaleRevision_Throws()
    {
        var h = await NewHarnessAsync();
        var r = await h.Definitions.SaveDraftAsync(TestDefinitions.Single(), 0, Harness.Author);
        await h.Definitions.SaveDraftAsync(TestDefinitions.Single(), r, Harness.Author);

        var ex = await Assert.ThrowsAsync<StaleRevisionException>(() => h.Definitions.PublishAsync(D, "single", r, "x", Harness.Author));

        Assert.Equal(r + 1, ex.CurrentRevision);
        Assert.Empty(await h.Definitions.ListVersionsAsync(D, "single"));
    }

    [Fact]
    public async Task PublishAsync_InvalidDefinition_ThrowsWithProblems()
    {
        var h = await NewHarnessAsync();
        var broken = TestDefinitions.Single() with { Connections = [TestDefinitions.C("start", "nowhere")] };
        var r = await h.Definitions.SaveDraftAsync(broken, 0, Harness.Author);

        var ex = await Assert.ThrowsAsync<DefinitionInvalidException>(() => h.Definitions.PublishAsync(D, "single", r, "x", Harness.Author));

        Assert.NotEmpty(ex.Problems);
        Assert.Empty(await h.Definitions.ListVersionsAsync(D, "single"));
    }

    [Fact]
    public async Task PublishedVersion_ContentUpdate_RefusedByDatabase()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        await using var db = h.Context();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Definitions.Where(d => d.Version == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.ContentJson, "{}")));
        var retired = await db.Definitions.Where(d => d.Version == 1).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DefinitionStatus.Retired));

        Assert.Equal(1, retired);
    }

    [Fact]
    public async Task RetireAsync_LatestVersion_NoNewStartsButPinnedInstancesResume()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var running = await h.Engine.StartAsync("single", new StartRequest { District = D });

        await h.Definitions.RetireAsync(D, "single", 1, Harness.Author);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => h.Engine.StartAsync("single", new StartRequest { District = D }));
        var resumed = await h.Engine.ResumeAsync(running.Instance.Bookmarks.Single().Id, new ResumeInput("u1"));
        Assert.Equal(ResumeStatus.Resumed, resumed.Status);
        Assert.Equal(DefinitionStatus.Retired, Assert.Single(await h.Definitions.ListVersionsAsync(D, "single")).Status);
    }

    [Fact]
    public async Task RollbackAsync_ToOldVersion_RepublishesItsContentAsNext()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        await h.PublishAsync(TestDefinitions.Single() with { Name = "第二版" });

        var v3 = await h.Definitions.RollbackAsync(D, "single", 1, "第二版有误", Harness.Author);
        var versions = await h.Definitions.ListVersionsAsync(D, "single");
        var latest = await h.Store.FindDefinitionAsync(D, "single", null);

        Assert.Equal(3, v3.Version);
        Assert.Equal([1, 2, 3], versions.Select(v => v.Version));
        Assert.Equal(versions[0].ContentHash, v3.ContentHash);
        Assert.NotEqual(versions[1].ContentHash, v3.ContentHash);
        Assert.Equal("单任务", latest!.Name);
        Assert.Equal("rollback to v1: 第二版有误", v3.ChangeNote);
        await using var db = h.Context();
        Assert.Equal(["definition.draft.create", "definition.publish", "definition.draft.save", "definition.publish", "definition.rollback"],
            await db.AuditLog.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task SaveDraftAsync_OtherDistrict_ThrowsScopeViolation()
    {
        var h = await NewHarnessAsync();

        await Assert.ThrowsAsync<DistrictScopeViolationException>(() => h.Definitions.SaveDraftAsync(TestDefinitions.Single(district: "xh"), 0, Harness.Author));
        await Assert.ThrowsAsync<DistrictScopeViolationException>(() => h.Definitions.SaveDraftAsync(TestDefinitions.Single(district: null), 0, Harness.Author));
    }

    private async Task<Harness> NewHarnessAsync() => new(await source.NewDatabaseAsync(), DistrictScope.For(D));
}
