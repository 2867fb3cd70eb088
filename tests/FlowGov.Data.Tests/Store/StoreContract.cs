using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Store;

/// <summary>The store's contract, run once per provider (see the subclasses).</summary>
public abstract class StoreContract(IDatabaseSource source)
{
    private static readonly DistrictScope Lcx = DistrictScope.For(TestDefinitions.District);

    [Fact]
    public async Task CommitAsync_NewInstance_LoadsAFreshEqualCopy()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Parallel());
        var started = await h.Engine.StartAsync("parallel", new StartRequest { District = TestDefinitions.District, BusinessKey = "BK-1", StartedBy = "u1" });

        var a = await h.Store.LoadInstanceAsync(started.Instance.Id);
        var b = await h.Store.LoadInstanceAsync(started.Instance.Id);

        Assert.NotNull(a);
        Assert.NotSame(a, b);
        Assert.Equal(1, a.Revision);
        Assert.Equal(
            JsonSerializer.Serialize(started.Instance, EngineJson.Default.WorkflowInstance),
            JsonSerializer.Serialize(a, EngineJson.Default.WorkflowInstance));
        var bookmark = Assert.Single(a.Bookmarks, x => x.Kind == BookmarkKind.Task);
        var found = await h.Store.FindResumeTargetAsync(bookmark.Id);
        Assert.Equal(a.Id, found?.Bookmark.InstanceId);
        Assert.Equal(bookmark.Id, (await h.Store.FindTaskResumeTargetAsync(bookmark.TaskId!))?.Bookmark.BookmarkId);
        await using var db = h.Context();
        var task = await db.Tasks.SingleAsync();
        Assert.Equal("grid-worker-1", task.Assignee);
        Assert.Equal(nameof(HumanTaskStatus.Open), task.Status);
        Assert.Equal(Harness.Epoch.AddHours(4), task.DueAt);
        var row = await db.Instances.SingleAsync();
        Assert.Equal(("BK-1", "u1", nameof(InstanceStatus.Running)), (row.BusinessKey, row.StartedBy, row.Status));
    }

    [Fact]
    public async Task CommitAsync_RowsOfAnAdvance_ReadBackThroughEfColumnByColumn()
    {
        // The advance's rows are written by generated SQL, not SaveChanges (ADR 0038): every column
        // must read back through EF as the engine had it, converted values (times) included.
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Parallel());
        var started = await h.Engine.StartAsync("parallel", new StartRequest { District = TestDefinitions.District, BusinessKey = "BK-7", StartedBy = "u-start", OrgUnit = "unit-7" });
        var report = started.Instance.Tasks.Single();
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        var audit = new AuditNote("u-report", "task.submit", h.Clock.GetUtcNow(), "10.0.0.7", report.Id, "done");
        var done = await h.Engine.CompleteTaskAsync(report.Id, new ResumeInput("u-report", "done") { Audit = audit });
        Assert.Equal(ResumeStatus.Resumed, done.Status);
        var after = done.Result!;

        await using var db = h.Context();
        var instance = await db.Instances.SingleAsync();
        Assert.Equal(
            (started.Instance.Id, TestDefinitions.District, "parallel", 1, nameof(InstanceStatus.Running), "BK-7", "u-start", "unit-7", 2L),
            (instance.Id, instance.District, instance.DefinitionKey, instance.DefinitionVersion, instance.Status, instance.BusinessKey, instance.StartedBy, instance.OrgUnit, instance.Revision));
        Assert.Equal((started.Instance.CreatedAt, after.Instance.UpdatedAt, (DateTimeOffset?)null), (instance.CreatedAt, instance.UpdatedAt, instance.CompletedAt));
        Assert.Equal(JsonSerializer.Serialize(after.Instance, EngineJson.Default.WorkflowInstance), instance.StateJson);

        var tasks = await db.Tasks.ToDictionaryAsync(t => t.Id);
        Assert.Equal(3, tasks.Count);
        foreach (var t in after.Instance.Tasks)
        {
            var row = tasks[t.Id];
            Assert.Equal(
                (t.InstanceId, t.ActivityId, t.BookmarkId, t.DefinitionKey, t.DefinitionVersion, t.Title, t.FormKey, t.Assignee, t.CandidateUnit, t.Priority),
                (row.InstanceId, row.ActivityId, row.BookmarkId, row.DefinitionKey, row.DefinitionVersion, row.Title, row.FormKey, row.Assignee, row.CandidateUnit, row.Priority));
            Assert.Equal((t.Status.ToString(), t.DeadlineState.ToString(), t.Outcome, t.CompletedBy), (row.Status, row.DeadlineState, row.Outcome, row.CompletedBy));
            Assert.Equal((t.CreatedAt, t.WarnAt, t.DueAt, t.CompletedAt), (row.CreatedAt, row.WarnAt, row.DueAt, row.CompletedAt));
            Assert.Equal(Lists.Join(t.CandidateRoles), row.CandidateRoles);
            Assert.Equal(TestDefinitions.District, row.District);
        }

        Assert.Equal((nameof(HumanTaskStatus.Completed), "done", "u-report"), (tasks[report.Id].Status, tasks[report.Id].Outcome, tasks[report.Id].CompletedBy));
        Assert.Equal(Harness.Epoch.AddHours(4), tasks[report.Id].DueAt);
        Assert.Equal(2, tasks.Values.Single(t => t.ActivityId == "community").Priority);

        var journal = await db.Journal.Where(j => j.InstanceId == started.Instance.Id).OrderBy(j => j.Sequence).ToListAsync();
        var expected = started.Journal.Concat(after.Journal).ToList();
        Assert.Equal(expected.Count, journal.Count);
        foreach (var (e, row) in expected.Zip(journal))
        {
            Assert.Equal(
                (e.Sequence, e.Kind.ToString(), e.ActivityId, e.ActivityType, e.Port, e.TokenId, e.Actor, e.At, e.Data, e.Message),
                (row.Sequence, row.Kind, row.ActivityId, row.ActivityType, row.Port, row.TokenId, row.Actor, row.At, row.Data, row.Message));
        }

        var bookmarks = await db.Bookmarks.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal(after.Instance.Bookmarks.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => (b.Id, b.ActivityId, b.Kind.ToString(), b.TaskId, b.DueAt, b.CreatedAt)),
            bookmarks.Select(b => (b.Id, b.ActivityId, b.Kind, b.TaskId, b.DueAt, b.CreatedAt)));
        Assert.DoesNotContain(bookmarks, b => b.Id == report.BookmarkId);

        var entry = await db.AuditLog.SingleAsync(a => a.Action == "task.submit");
        Assert.Equal((audit.Actor, audit.At, audit.Source, audit.Subject, audit.Data, TestDefinitions.District), (entry.Actor, entry.At, entry.Source, entry.Subject, entry.Data, entry.District));
    }

    [Fact]
    public async Task CommitAsync_StaleRevision_ThrowsConflictAndWritesNothing()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var first = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
        var second = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
        var compiled = h.Compiler.Compile((await h.Store.FindDefinitionAsync(TestDefinitions.District, "single", 1))!).Definition!;
        var bookmark = first.Bookmarks.Single().Id;

        var one = h.Runner.Resume(compiled, first, bookmark, new ResumeInput("u1"));
        await h.Store.CommitAsync(one.Result!, 1);
        var two = h.Runner.Resume(compiled, second, bookmark, new ResumeInput("u2"));
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => h.Store.CommitAsync(two.Result!, 1));

        Assert.Equal(started.Instance.Id, ex.InstanceId);
        var stored = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
        Assert.Equal(2, stored.Revision);
        Assert.Equal(InstanceStatus.Completed, stored.Status);
        await using var db = h.Context();
        Assert.Equal("u1", (await db.Tasks.SingleAsync()).CompletedBy);
        Assert.Equal(stored.JournalSequence, await db.Journal.CountAsync());
    }

    [Fact]
    public async Task CommitAsync_SameInstanceCommittedAgainWithoutReload_RowFollowsEveryStatus()
    {
        // An advance that keeps status, version and completion time writes the row without SETting
        // them (their index entries would be rewritten for nothing). "Keeps" is measured against what
        // the store last loaded OR committed for that object: here the status goes Running → Faulted
        // → Running on one object, and the last commit must not be taken for "unchanged since load".
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var instance = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;

        instance.Status = InstanceStatus.Faulted;
        await h.Store.CommitAsync(new RunResult(instance), 1);
        Assert.Equal(nameof(InstanceStatus.Faulted), await StatusAsync());

        instance.Status = InstanceStatus.Running;
        await h.Store.CommitAsync(new RunResult(instance), 2);
        Assert.Equal(nameof(InstanceStatus.Running), await StatusAsync());

        var compiled = h.Compiler.Compile((await h.Store.FindDefinitionAsync(TestDefinitions.District, "single", 1))!).Definition!;
        var done = h.Runner.Resume(compiled, instance, instance.Bookmarks.Single().Id, new ResumeInput("u1"));
        await h.Store.CommitAsync(done.Result!, 3);
        await using var db = h.Context();
        var row = await db.Instances.AsNoTracking().SingleAsync();
        Assert.Equal((nameof(InstanceStatus.Completed), instance.CompletedAt, 4L), (row.Status, row.CompletedAt, row.Revision));
        Assert.NotNull(row.CompletedAt);

        async Task<string> StatusAsync()
        {
            await using var read = h.Context();
            return (await read.Instances.AsNoTracking().SingleAsync()).Status;
        }
    }

    [Fact]
    public async Task CommitAsync_NewInstanceTwice_ThrowsConflict()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var again = h.Runner.Start(h.Compiler.Compile((await h.Store.FindDefinitionAsync(TestDefinitions.District, "single", null))!).Definition!,
            new StartRequest { District = TestDefinitions.District }, started.Instance.Id);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => h.Store.CommitAsync(again, 0));
    }

    [Fact]
    public async Task CommitAsync_OneAdvanceOfABatchFails_TheOthersCommitAndItGetsItsOwnError()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var compiled = h.Compiler.Compile((await h.Store.FindDefinitionAsync(TestDefinitions.District, "single", 1))!).Definition!;
        var resumes = new List<RunResult>();
        for (var i = 0; i < 6; i++)
        {
            var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
            var loaded = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
            resumes.Add(h.Runner.Resume(compiled, loaded, loaded.Bookmarks.Single().Id, new ResumeInput("u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Result!);
        }

        // A start reusing the first instance's id: its INSERT fails after the batch has written others.
        var duplicate = h.Runner.Start(compiled, new StartRequest { District = TestDefinitions.District }, resumes[0].Instance.Id);
        var (batchesBefore, membersBefore, _) = h.Database.GroupCommitStatistics;
        Task[] commits;
        await using (var holder = h.Context(DistrictScope.AllDistricts))
        {
            // Holds the write lock (SQLite) or the first instance's row (PostgreSQL): the writer is stuck on
            // the first advance while the rest queue up behind it, so they go as one batch with the duplicate.
            var tx = await holder.Database.BeginTransactionAsync();
            await using (tx)
            {
                var first = resumes[0].Instance.Id;
                await holder.Instances.Where(r => r.Id == first).ExecuteUpdateAsync(s => s.SetProperty(r => r.Revision, r => r.Revision));
                // With nothing else in flight, a caller writes its own advance, on SQLite waiting for
                // the lock on its own thread: the first gets a thread of its own, and the others are
                // committed once it is in flight, so they queue behind it.
                var waiting = Task.Run(() => h.Store.CommitAsync(resumes[0], 1));
                if (h.Database.GroupCommits is { } queue)
                {
                    Assert.True(SpinWait.SpinUntil(() => queue.InFlight == 1, TimeSpan.FromSeconds(30)), "the first advance is in flight");
                }

                commits = [waiting, h.Store.CommitAsync(duplicate, 0), .. resumes.Skip(1).Select(r => h.Store.CommitAsync(r, 1))];
                await tx.RollbackAsync();
            }
        }

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => commits[1]);
        Assert.Equal(resumes[0].Instance.Id, conflict.InstanceId);
        await Task.WhenAll(commits.Where((_, i) => i != 1));
        var journal = 0L;
        foreach (var r in resumes)
        {
            var stored = (await h.Store.LoadInstanceAsync(r.Instance.Id))!;
            Assert.Equal((2L, InstanceStatus.Completed), (stored.Revision, stored.Status));
            journal += stored.JournalSequence;
        }

        await using var db = h.Context();
        Assert.Equal(6, await db.Instances.CountAsync());
        Assert.Equal(6, await db.Tasks.CountAsync(t => t.Status == nameof(HumanTaskStatus.Completed)));
        Assert.Equal(journal, await db.Journal.CountAsync());
        if (h.Database.Options.UsesGroupCommit)
        {
            var (batches, members, _) = h.Database.GroupCommitStatistics;
            Assert.True(members - membersBefore > batches - batchesBefore, "the advances queued behind the held lock went together");
        }
    }

    [Fact]
    public async Task ResumeAsync_HundredConcurrentResumesOfOneBookmark_ExactlyOneTransition()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var bookmark = started.Instance.Bookmarks.Single().Id;
        using var gate = new ManualResetEventSlim();

        var resumes = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await h.Engine.ResumeAsync(bookmark, new ResumeInput($"user-{i}"));
        })).ToList();
        gate.Set();
        var outcomes = await Task.WhenAll(resumes);

        Assert.Equal(1, outcomes.Count(o => o.Status == ResumeStatus.Resumed));
        Assert.Equal(99, outcomes.Count(o => o.Status == ResumeStatus.AlreadyDone));
        var stored = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
        Assert.Equal(InstanceStatus.Completed, stored.Status);
        Assert.Equal(2, stored.Revision);
        await using var db = h.Context();
        var winner = outcomes.Single(o => o.Status == ResumeStatus.Resumed).Result!.Journal.First(j => j.Actor is not null).Actor;
        Assert.Equal(winner, (await db.Tasks.SingleAsync()).CompletedBy);
        Assert.Equal(1, await db.Journal.CountAsync(j => j.Kind == nameof(JournalKind.ActivityResumed)));
        Assert.Equal(0, await db.Bookmarks.CountAsync());
    }

    [Fact]
    public async Task Engine_ForkJoinDelay_RunsToCompletionAndJournalMatchesState()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Parallel());
        var id = (await h.Engine.StartAsync("parallel", new StartRequest { District = TestDefinitions.District })).Instance.Id;

        await CompleteOpenTaskAsync(h, id, "report", "done");
        await CompleteOpenTaskAsync(h, id, "community", "done");
        await CompleteOpenTaskAsync(h, id, "street", "done");
        Assert.Equal(0, await h.Engine.FireDueTimersAsync());
        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await h.Engine.FireDueTimersAsync());
        await CompleteOpenTaskAsync(h, id, "close", "satisfied");

        var instance = (await h.Store.LoadInstanceAsync(id))!;
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        await using var db = h.Context();
        var sequences = await db.Journal.Where(j => j.InstanceId == id).OrderBy(j => j.Sequence).Select(j => j.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, (int)instance.JournalSequence).Select(i => (long)i), sequences);
        Assert.Equal(0, await db.Bookmarks.CountAsync());
        var tasks = await db.Tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.ActivityId).ToListAsync();
        Assert.Equal(4, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(nameof(HumanTaskStatus.Completed), t.Status));
        Assert.Equal(",street-officer,", tasks.Single(t => t.ActivityId == "street").CandidateRoles);
        Assert.Equal(1, await db.Tasks.CountAsync(t => t.CandidateRoles.Contains(",community-worker,")));
    }

    [Fact]
    public async Task Queries_OtherDistrict_SeeNothingAndCannotWrite()
    {
        var database = await source.NewDatabaseAsync();
        var lcx = new Harness(database, Lcx);
        var other = new Harness(database, DistrictScope.For("xh"));
        await lcx.PublishAsync(TestDefinitions.Single());
        var started = await lcx.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var bookmark = started.Instance.Bookmarks.Single();

        Assert.Null(await other.Store.LoadInstanceAsync(started.Instance.Id));
        Assert.Null(await other.Store.FindResumeTargetAsync(bookmark.Id));
        Assert.Null(await other.Store.FindTaskResumeTargetAsync(bookmark.TaskId!));
        Assert.NotNull(await lcx.Store.FindTaskResumeTargetAsync(bookmark.TaskId!));
        Assert.Null(await other.Store.FindDefinitionAsync("xh", "single", null));
        Assert.Empty(await other.Store.FindDueTimersAsync(DateTimeOffset.MaxValue, 10));
        Assert.Equal(ResumeStatus.AlreadyDone, (await other.Engine.ResumeAsync(bookmark.Id, new ResumeInput("intruder"))).Status);
        await using (var db = other.Context())
        {
            Assert.Equal(0, await db.Instances.CountAsync());
            Assert.Equal(0, await db.Tasks.CountAsync());
            Assert.Equal(0, await db.Journal.CountAsync());
            Assert.Equal(0, await db.Definitions.CountAsync());
            Assert.Equal(0, await db.AuditLog.CountAsync());
            db.OrgUnits.Add(new OrgUnitRow { Id = "g1", District = TestDefinitions.District, Kind = OrgUnitKind.Grid, Name = "网格1" });
            await Assert.ThrowsAsync<DistrictScopeViolationException>(() => db.SaveChangesAsync());
        }

        var loaded = (await lcx.Store.LoadInstanceAsync(started.Instance.Id))!;
        var compiled = lcx.Compiler.Compile((await lcx.Store.FindDefinitionAsync(TestDefinitions.District, "single", 1))!).Definition!;
        var resumed = lcx.Runner.Resume(compiled, loaded, bookmark.Id, new ResumeInput("u1"));
        await Assert.ThrowsAsync<DistrictScopeViolationException>(() => other.Store.CommitAsync(resumed.Result!, 1));
        await using (var all = lcx.Context(DistrictScope.AllDistricts))
        {
            Assert.Equal(1, await all.Instances.CountAsync());
        }
    }

    [Fact]
    public async Task ResumeTargets_ReadTheOpenBookmarkWithAFreshCopyOfItsInstance_AndNothingOnceConsumed()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        var started = await h.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var bookmark = started.Instance.Bookmarks.Single(b => b.Kind == BookmarkKind.Task);
        var expected = JsonSerializer.Serialize(await h.Store.LoadInstanceAsync(started.Instance.Id), EngineJson.Default.WorkflowInstance);

        var byId = await h.Store.FindResumeTargetAsync(bookmark.Id);
        var byTask = await h.Store.FindTaskResumeTargetAsync(bookmark.TaskId!);

        foreach (var target in new[] { byId, byTask })
        {
            Assert.NotNull(target);
            Assert.Equal((bookmark.Id, started.Instance.Id, BookmarkKind.Task, bookmark.TaskId), (target.Bookmark.BookmarkId, target.Bookmark.InstanceId, target.Bookmark.Kind, target.Bookmark.TaskId));
            Assert.Equal(1, target.Instance!.Revision);
            Assert.Equal(expected, JsonSerializer.Serialize(target.Instance, EngineJson.Default.WorkflowInstance));
        }

        Assert.NotSame(byId!.Instance, byTask!.Instance);
        Assert.Null(await h.Store.FindTaskResumeTargetAsync(started.Instance.Id)); // an instance id is no task id
        Assert.Equal(ResumeStatus.Resumed, (await h.Engine.CompleteTaskAsync(bookmark.TaskId!, new ResumeInput("u1"))).Status);
        Assert.Null(await h.Store.FindResumeTargetAsync(bookmark.Id));
        Assert.Null(await h.Store.FindTaskResumeTargetAsync(bookmark.TaskId!));
    }

    [Fact]
    public async Task ResumeTargets_NeverJoinRowsOfAnotherDistrict_AndABookmarkWithoutItsInstanceIsReportedNotFound()
    {
        var database = await source.NewDatabaseAsync();
        var lcx = new Harness(database, Lcx);
        await lcx.PublishAsync(TestDefinitions.Single());
        var first = await lcx.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var second = await lcx.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });
        var moved = first.Instance.Bookmarks.Single();
        var orphaned = second.Instance.Bookmarks.Single();

        // Rows no advance writes: a task whose bookmark moved to another district, and a bookmark
        // whose instance moved to another district.
        await using (var all = lcx.Context(DistrictScope.AllDistricts))
        {
            await all.Bookmarks.Where(b => b.Id == moved.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.District, "xh"));
            await all.Instances.Where(i => i.Id == second.Instance.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.District, "xh"));
        }

        Assert.Null(await lcx.Store.FindTaskResumeTargetAsync(moved.TaskId!));
        Assert.Null(await lcx.Store.FindResumeTargetAsync(moved.Id));
        var target = await lcx.Store.FindTaskResumeTargetAsync(orphaned.TaskId!);
        Assert.Equal(orphaned.Id, target?.Bookmark.BookmarkId);
        Assert.Null(target!.Instance);
        var outcome = await lcx.Engine.CompleteTaskAsync(orphaned.TaskId!, new ResumeInput("u1"));
        Assert.Equal(ResumeStatus.NotFound, outcome.Status);
        Assert.Contains(second.Instance.Id, outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindDefinition_VersionCachedByOneDistrict_IsNotAnsweredToAnother()
    {
        var database = await source.NewDatabaseAsync();
        var lcx = new Harness(database, Lcx);
        var version = await lcx.PublishAsync(TestDefinitions.Single());
        Assert.NotNull(await lcx.Store.FindDefinitionAsync(TestDefinitions.District, "single", version)); // now cached for the database

        // Stores share that cache (the server makes one per request); another district's store still gets nothing.
        var other = new EfWorkflowStore(database, DistrictScope.For("xh"));
        Assert.Null(await other.FindDefinitionAsync(TestDefinitions.District, "single", version));
        Assert.Null(await other.FindDefinitionAsync("xh", "single", version));
        Assert.Same(await lcx.Store.FindDefinitionAsync(TestDefinitions.District, "single", version),
            await new EfWorkflowStore(database, Lcx).FindDefinitionAsync(TestDefinitions.District, "single", version));
    }

    [Fact]
    public async Task CreateContext_PooledContextReusedForAnotherDistrict_SeesOnlyTheNewDistrict()
    {
        var database = await source.NewDatabaseAsync();
        var lcx = new Harness(database, Lcx);
        await lcx.PublishAsync(TestDefinitions.Single());
        await lcx.Engine.StartAsync("single", new StartRequest { District = TestDefinitions.District });

        FlowGovDbContext first;
        await using (first = lcx.Context())
        {
            Assert.Equal(1, await first.Instances.CountAsync());
        }

        // Contexts are pooled: lease (and hold) contexts for another district until the pool hands out the one just returned.
        var xh = DistrictScope.For("xh");
        var held = new List<FlowGovDbContext>();
        FlowGovDbContext second;
        do
        {
            second = database.CreateContext(xh);
            held.Add(second);
        }
        while (!ReferenceEquals(second, first) && held.Count < 1000);

        Assert.Same(first, second);
        Assert.Same(xh, second.Scope);
        Assert.Equal(0, await second.Instances.CountAsync());
        second.OrgUnits.Add(new OrgUnitRow { Id = "g1", District = TestDefinitions.District, Kind = OrgUnitKind.Grid, Name = "网格1" });
        await Assert.ThrowsAsync<DistrictScopeViolationException>(() => second.SaveChangesAsync());
        foreach (var context in held)
        {
            await context.DisposeAsync();
        }

        // An all-districts context comes from its own pool (its model has no district filter).
        await using (var all = database.CreateContext(DistrictScope.AllDistricts))
        {
            Assert.NotSame(first, all);
            Assert.Equal(1, await all.Instances.CountAsync());
        }

        // Back in the first district, and the row the failed save rejected is not carried into any later lease.
        foreach (var _ in held)
        {
            await using var again = lcx.Context();
            Assert.Empty(again.ChangeTracker.Entries());
            Assert.Equal(1, await again.Instances.CountAsync());
        }
    }

    [Fact]
    public async Task FindDefinitionAsync_CityTemplate_VisibleToEveryDistrict()
    {
        var database = await source.NewDatabaseAsync();
        var city = new Harness(database, DistrictScope.AllDistricts);
        await city.PublishAsync(TestDefinitions.Single("template", district: null));
        var lcx = new Harness(database, Lcx);

        var found = await lcx.Store.FindDefinitionAsync(TestDefinitions.District, "template", null);
        var started = await lcx.Engine.StartAsync("template", new StartRequest { District = TestDefinitions.District });

        Assert.NotNull(found);
        Assert.Null(found.District);
        Assert.Equal(TestDefinitions.District, started.Instance.District);
    }

    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        var database = await source.NewDatabaseAsync();
        await using var db = database.CreateContext(DistrictScope.AllDistricts);

        var applied = await Migrations.SchemaMigrator.MigrateAsync(db);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task AuditLog_UpdateOrDelete_RefusedByDatabase()
    {
        var h = await NewHarnessAsync();
        await h.PublishAsync(TestDefinitions.Single());
        await using var db = h.Context();

        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, "someone-else")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteDeleteAsync());
        Assert.Equal(2, await db.AuditLog.CountAsync(a => a.Actor == Harness.Author.User));
    }

    private async Task<Harness> NewHarnessAsync() => new(await source.NewDatabaseAsync(), Lcx);

    private static async Task CompleteOpenTaskAsync(Harness h, string instanceId, string activityId, string outcome)
    {
        var instance = (await h.Store.LoadInstanceAsync(instanceId))!;
        var task = instance.Tasks.Single(t => t.ActivityId == activityId && t.Status == HumanTaskStatus.Open);
        var result = await h.Engine.CompleteTaskAsync(task.Id, new ResumeInput("u-" + activityId, outcome));
        Assert.True(result.Status == ResumeStatus.Resumed, result.Message);
    }
}
