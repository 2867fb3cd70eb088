using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Data.Retention;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlowGov.Data.Tests.Retention;

/// <summary>Retention on each provider, the clock driven by hand (ManualClock).</summary>
public abstract class RetentionContract(IDatabaseSource source) : IDisposable
{
    private const string Other = "other-district";
    private readonly string _archive = Path.Combine(Path.GetTempPath(), "flowgov-archive-" + Path.GetRandomFileName());

    [Fact]
    public async Task Delete_FinishedOlderThanDays_RemovedInBatches_RunningRecentAndOtherDistrictsKept()
    {
        var (h, other) = await NewHarnessesAsync();
        var old1 = await FinishedAsync(h);
        var old2 = await FinishedAsync(h);
        var running = await StartedAsync(h);
        var otherOld = await FinishedAsync(other);
        h.Clock.Advance(TimeSpan.FromDays(10));
        var recent = await FinishedAsync(h);
        h.Clock.Advance(TimeSpan.FromDays(21)); // old ones finished 31 days ago, the recent one 21

        var report = await new RetentionService(h.Database, h.Clock).RunAsync(new RetentionOptions
        {
            Policies = [new RetentionPolicy(TestDefinitions.District, 30, RetentionAction.Delete)],
            BatchSize = 1,
        });

        var d = Assert.Single(report.Districts);
        Assert.Equal(2, d.Deleted);
        Assert.Equal(2, d.Batches);
        Assert.Null(d.ArchiveFile);
        await using var db = h.Context(DistrictScope.AllDistricts);
        Assert.Equal(
            new[] { running, otherOld, recent }.Order(StringComparer.Ordinal),
            (await db.Instances.Select(i => i.Id).ToListAsync()).Order(StringComparer.Ordinal));
        foreach (var gone in new[] { old1, old2 })
        {
            Assert.False(await db.Journal.AnyAsync(j => j.InstanceId == gone));
            Assert.False(await db.Tasks.AnyAsync(t => t.InstanceId == gone));
            Assert.False(await db.Bookmarks.AnyAsync(b => b.InstanceId == gone));
        }

        Assert.True(await db.Journal.AnyAsync(j => j.InstanceId == otherOld));
        Assert.True(await db.Tasks.AnyAsync(t => t.InstanceId == running));
    }

    [Fact]
    public async Task Delete_FinishedInstanceWithALeftoverBookmark_TheBookmarkGoesAndOpenOnesStay()
    {
        // A finished instance has no bookmarks unless something left one behind (an older version, a
        // hand-edited row); bookmarks have no index by instance (0012), and retention must still find it.
        var (h, _) = await NewHarnessesAsync();
        var old = await FinishedAsync(h);
        var running = await StartedAsync(h);
        await using (var db = h.Context(DistrictScope.AllDistricts))
        {
            db.Bookmarks.Add(new Entities.BookmarkRow { Id = "left-behind", InstanceId = old, District = TestDefinitions.District, ActivityId = "a", Kind = "Signal", Key = "k", CreatedAt = h.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        var openBefore = await OpenBookmarksAsync(h, running);
        Assert.NotEmpty(openBefore);
        h.Clock.Advance(TimeSpan.FromDays(31));

        var report = await new RetentionService(h.Database, h.Clock).RunAsync(new RetentionOptions
        {
            Policies = [new RetentionPolicy(TestDefinitions.District, 30, RetentionAction.Delete)],
        });

        Assert.Equal(1, Assert.Single(report.Districts).Deleted);
        await using var after = h.Context(DistrictScope.AllDistricts);
        Assert.False(await after.Bookmarks.AnyAsync(b => b.Id == "left-behind"));
        Assert.Equal(openBefore, await OpenBookmarksAsync(h, running));
    }

    [Fact]
    public async Task Archive_WritesEveryRowOfTheInstanceToTheFile_ThenDeletes()
    {
        var (h, _) = await NewHarnessesAsync();
        var old = await FinishedAsync(h);
        var cancelled = await StartedAsync(h);
        Assert.True(await h.Engine.CancelAsync(cancelled, "admin", "duplicate report"));
        int journalSteps;
        await using (var before = h.Context())
        {
            journalSteps = await before.Journal.CountAsync(j => j.InstanceId == old);
        }

        h.Clock.Advance(TimeSpan.FromDays(400));
        var report = await new RetentionService(h.Database, h.Clock).RunAsync(new RetentionOptions
        {
            Policies = [new RetentionPolicy(TestDefinitions.District, 365, RetentionAction.Archive)],
            ArchiveDirectory = _archive,
        });

        var d = Assert.Single(report.Districts);
        Assert.Equal((2, 2), (d.Deleted, d.Archived));
        Assert.StartsWith(_archive, d.ArchiveFile, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(d.ArchiveFile!);
        Assert.Equal(2, lines.Length);
        var archived = lines.Select(l => JsonSerializer.Deserialize<ArchivedInstance>(l, JsonSerializerOptions.Web)!).ToDictionary(a => a.Instance.Id);
        Assert.Equal(journalSteps, archived[old].Journal.Count);
        Assert.Equal(nameof(InstanceStatus.Completed), archived[old].Instance.Status);
        Assert.Contains(old, archived[old].Instance.StateJson, StringComparison.Ordinal);
        Assert.Equal(HumanTaskStatus.Completed.ToString(), Assert.Single(archived[old].Tasks).Status);
        Assert.Equal(nameof(InstanceStatus.Cancelled), archived[cancelled].Instance.Status);
        await using var db = h.Context();
        Assert.False(await db.Instances.AnyAsync());
        Assert.False(await db.Journal.AnyAsync());
    }

    [Fact]
    public async Task HostedService_AppliesThePoliciesWhenDueByTheClock()
    {
        var (h, _) = await NewHarnessesAsync();
        var options = new RetentionOptions { Policies = [new RetentionPolicy(TestDefinitions.District, 7, RetentionAction.Delete)], Interval = TimeSpan.FromHours(6) };
        using var service = new RetentionHostedService(new RetentionService(h.Database, h.Clock), options, h.Clock, NullLogger<RetentionHostedService>.Instance);
        var first = await FinishedAsync(h);

        Assert.Equal(0, (await service.TickAsync())?.Deleted); // due at start-up; nothing old enough yet
        h.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Null(await service.TickAsync()); // not due: the interval is 6 h

        h.Clock.Advance(TimeSpan.FromDays(8));
        var second = await FinishedAsync(h);
        Assert.Equal(1, (await service.TickAsync())?.Deleted); // the first instance is now 8 days old

        h.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Null(await service.TickAsync());
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await service.TickAsync())?.Deleted); // due again; the second is only 6 h old

        await using var db = h.Context();
        Assert.Equal([second], await db.Instances.Select(i => i.Id).ToListAsync());
        Assert.NotEqual(first, second);
    }

    public void Dispose()
    {
        (source as IDisposable)?.Dispose();
        if (Directory.Exists(_archive))
        {
            Directory.Delete(_archive, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private async Task<(Harness Lcx, Harness Other)> NewHarnessesAsync()
    {
        var database = await source.NewDatabaseAsync();
        var lcx = new Harness(database, DistrictScope.For(TestDefinitions.District));
        var other = new Harness(database, DistrictScope.For(Other));
        await lcx.PublishAsync(TestDefinitions.Single());
        await other.PublishAsync(TestDefinitions.Single(district: Other));
        return (lcx, other);
    }

    private static async Task<List<string>> OpenBookmarksAsync(Harness h, string instanceId)
    {
        await using var db = h.Context(DistrictScope.AllDistricts);
        return await db.Bookmarks.Where(b => b.InstanceId == instanceId).OrderBy(b => b.Id).Select(b => b.Id).ToListAsync();
    }

    private static async Task<string> StartedAsync(Harness h) =>
        (await h.Engine.StartAsync("single", new StartRequest { District = h.Scope.District })).Instance.Id;

    private static async Task<string> FinishedAsync(Harness h)
    {
        var started = await h.Engine.StartAsync("single", new StartRequest { District = h.Scope.District });
        var outcome = await h.Engine.CompleteTaskAsync(started.TasksCreated[0].Id, new ResumeInput("u1", "done"));
        Assert.Equal(InstanceStatus.Completed, outcome.Result?.Instance.Status);
        return started.Instance.Id;
    }
}
