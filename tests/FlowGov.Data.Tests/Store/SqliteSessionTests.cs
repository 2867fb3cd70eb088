using FlowGov.Data.Commits;
using FlowGov.Data.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Tests.Store;

/// <summary>
/// ADR 0040: on SQLite the advances' writes go through one long-lived writer session, taken in turn,
/// and the transition reads through kept-open read sessions. What they must never do is hand a
/// connection on in a state nobody should build on.
/// </summary>
public sealed class SqliteSessionTests : IDisposable
{
    private readonly SqliteSource _source = new();

    public void Dispose() => _source.Dispose();

    [Fact]
    public async Task WriteSessions_TwoWriters_TakeTheOneSessionInTurn()
    {
        var database = await _source.NewDatabaseAsync();
        var first = await database.WriteSessions.BeginAsync(CancellationToken.None);
        var second = database.WriteSessions.BeginAsync(CancellationToken.None);

        // The second waits on the gate, not on SQLite's file lock (where it would spin until the busy timeout).
        await Task.Delay(50, CancellationToken.None);
        Assert.False(second.IsCompleted);
        var session = first.Session;
        await first.CommitAsync(CancellationToken.None);
        await first.DisposeAsync();
        await using var next = await second;

        Assert.Same(session, next.Session);
    }

    [Fact]
    public async Task WriteSessions_LeaseDisposedWithoutCommit_RollsBackAndKeepsTheSession()
    {
        var database = await _source.NewDatabaseAsync();
        WriteSession session;
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            session = lease.Session;
            await ExecuteAsync(lease, "INSERT INTO districts (district, name, created_at, enabled) VALUES ('rolled-back', 'x', 0, 1)");
        }

        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            Assert.Same(session, lease.Session);
            await ExecuteAsync(lease, "INSERT INTO districts (district, name, created_at, enabled) VALUES ('kept', 'x', 0, 1)");
            await lease.CommitAsync(CancellationToken.None);
        }

        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        Assert.Equal(["kept"], await db.Districts.Select(d => d.District).Where(id => id == "kept" || id == "rolled-back").ToListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WriteSessions_CommitFails_NextWriterGetsANewSession()
    {
        var database = await _source.NewDatabaseAsync();
        WriteSession broken;
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            broken = lease.Session;

            // A deferred foreign-key violation fails the COMMIT itself — the one failure the writer
            // cannot clean up by a rollback it chose. The tables are the connection's own (TEMP).
            await ExecuteAsync(lease, "CREATE TEMP TABLE parent (id TEXT PRIMARY KEY)");
            await ExecuteAsync(lease, "CREATE TEMP TABLE child (parent_id TEXT REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
            await ExecuteAsync(lease, "INSERT INTO child (parent_id) VALUES ('none')");
            await ExecuteAsync(lease, "INSERT INTO districts (district, name, created_at, enabled) VALUES ('lost', 'x', 0, 1)");
            await Assert.ThrowsAnyAsync<Exception>(() => lease.CommitAsync(CancellationToken.None));
        }

        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            Assert.NotSame(broken, lease.Session);
            await ExecuteAsync(lease, "INSERT INTO districts (district, name, created_at, enabled) VALUES ('after', 'x', 0, 1)");
            await lease.CommitAsync(CancellationToken.None);
        }

        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        Assert.True(await db.Districts.AnyAsync(d => d.District == "after", CancellationToken.None));
        Assert.False(await db.Districts.AnyAsync(d => d.District == "lost", CancellationToken.None));
    }

    /// <summary>
    /// ADR 0045: a caller that finds no other advance in flight writes its own, without handing it to
    /// the group-commit writer and back; it still takes the writer's turn, and advances that arrive
    /// meanwhile queue behind it.
    /// </summary>
    [Fact]
    public async Task GroupCommit_LoneAdvance_IsWrittenByItsCallerInTheWritersTurn()
    {
        var database = await _source.NewDatabaseAsync();
        var h = new Harness(database, DistrictScope.For(TestDefinitions.District));
        await h.PublishAsync(TestDefinitions.Single());
        var compiled = h.Compiler.Compile((await h.Store.FindDefinitionAsync(TestDefinitions.District, "single", 1))!).Definition!;
        var resumes = new List<FlowGov.Core.Runtime.RunResult>();
        for (var i = 0; i < 5; i++)
        {
            var started = await h.Engine.StartAsync("single", new FlowGov.Core.Runtime.StartRequest { District = TestDefinitions.District });
            var loaded = (await h.Store.LoadInstanceAsync(started.Instance.Id))!;
            resumes.Add(h.Runner.Resume(compiled, loaded, loaded.Bookmarks.Single().Id, new FlowGov.Core.Runtime.ResumeInput("u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).Result!);
        }

        var (batchesBefore, membersBefore, _) = database.GroupCommitStatistics;

        // SQLite answers synchronously, so an advance its caller writes is durable when the call returns.
        var alone = h.Store.CommitAsync(resumes[0], 1);
        Assert.True(alone.IsCompletedSuccessfully, "a lone advance is written by its caller");

        // A lone advance that fails (here its revision is stale) leaves the count as it found it.
        await Assert.ThrowsAsync<FlowGov.Core.Persistence.ConcurrencyConflictException>(() => h.Store.CommitAsync(resumes[0], 1));
        Assert.Equal(0, database.GroupCommits!.InFlight);

        Task[] queued;
        await using (var held = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            var first = h.Store.CommitAsync(resumes[1], 1);
            queued = [first, h.Store.CommitAsync(resumes[2], 1), h.Store.CommitAsync(resumes[3], 1)];
            Assert.False(first.IsCompleted, "the caller waits for the writer's turn like any batch");
            Assert.Equal(3, database.GroupCommits.InFlight);
        }

        await Task.WhenAll(queued);
        Assert.Equal(0, database.GroupCommits.InFlight);
        Assert.True(h.Store.CommitAsync(resumes[4], 1).IsCompletedSuccessfully, "alone again once the queue has drained");
        var (_, members, _) = database.GroupCommitStatistics;
        Assert.Equal(6, members - membersBefore);
        Assert.True(database.GroupCommitStatistics.Batches - batchesBefore is 5 or 6, "three alone, the one behind the held turn, and the two queued behind that (together or not)");
        foreach (var r in resumes)
        {
            Assert.Equal(2L, (await h.Store.LoadInstanceAsync(r.Instance.Id))!.Revision);
        }
    }

    [Fact]
    public async Task ReadSessions_ReadThatThrows_ItsSessionIsNotReused()
    {
        var database = await _source.NewDatabaseAsync();

        // The writer is taken, so reads go to read sessions of their own.
        await using var held = await database.WriteSessions.BeginAsync(CancellationToken.None);
        ReadSession? first = null;
        await database.Reads.ReadAsync(s => Task.FromResult(first = s), CancellationToken.None);
        ReadSession? again = null;
        await database.Reads.ReadAsync(s => Task.FromResult(again = s), CancellationToken.None);
        Assert.Same(first, again);
        Assert.NotSame(held.Session.Connection, first!.Connection);

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Reads.ReadAsync<int>(_ => throw new InvalidOperationException("mid-read"), CancellationToken.None));
        ReadSession? after = null;
        await database.Reads.ReadAsync(s => Task.FromResult(after = s), CancellationToken.None);

        Assert.NotSame(first, after);
    }

    /// <summary>
    /// ADR 0045: the connection that committed last keeps its page cache, so a read goes to the
    /// writer's connection whenever nobody is writing — and never waits for it when somebody is.
    /// </summary>
    [Fact]
    public async Task ReadSessions_WriterIdle_ReadOnTheWritersConnectionAndWriterTaken_ReadElsewhere()
    {
        var database = await _source.NewDatabaseAsync();
        WriteSession writer;
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            writer = lease.Session;
            await ExecuteAsync(lease, "INSERT INTO districts (district, name, created_at, enabled) VALUES ('seen', 'x', 0, 1)");
            await lease.CommitAsync(CancellationToken.None);
        }

        var (connection, seen) = await database.Reads.ReadAsync(async s => (s.Connection, await CountAsync(s, "seen")), CancellationToken.None);
        Assert.Same(writer.Connection, connection);
        Assert.Equal(1L, seen);

        await using (var held = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            var elsewhere = database.Reads.ReadAsync(async s => (s.Connection, await CountAsync(s, "seen")), CancellationToken.None);
            Assert.True(elsewhere.IsCompleted, "a read does not wait for the writer");
            Assert.NotSame(held.Session.Connection, (await elsewhere).Connection);
            Assert.Equal(1L, (await elsewhere).Item2);
        }

        // A read that fails on the writer's connection takes the connection with it.
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Reads.ReadAsync<int>(_ => throw new InvalidOperationException("mid-read"), CancellationToken.None));
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            Assert.NotSame(writer, lease.Session);
        }

        static async Task<long> CountAsync(ReadSession session, string district)
        {
            var command = session.Command("SELECT count(*) FROM districts WHERE district = $d");
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$d";
            parameter.Value = district;
            command.Parameters.Add(parameter);
            return (long)(await command.ExecuteScalarAsync(CancellationToken.None))!;
        }
    }

    [Fact]
    public async Task DisposeAsync_ClosesTheWriterAndRefusesNewWrites()
    {
        var database = await _source.NewDatabaseAsync();
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            await lease.CommitAsync(CancellationToken.None);
        }

        await database.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.WriteSessions.BeginAsync(CancellationToken.None));

        // Nothing of the database keeps the file open any more (the EF pool's idle connections aside).
        SqliteConnection.ClearAllPools();
        Assert.Empty(OpenDescriptorsOf(database.Options.SqliteFilePath));
    }

    [Fact]
    public async Task WriteAndReadSessions_KeepTheirConnectionsOpenBetweenUses()
    {
        var database = await _source.NewDatabaseAsync();
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            await lease.CommitAsync(CancellationToken.None);
        }

        await using (await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            await database.Reads.ReadAsync(_ => Task.FromResult(0), CancellationToken.None); // on a read session: the writer is taken
        }

        await database.Reads.ReadAsync(_ => Task.FromResult(0), CancellationToken.None); // on the writer's
        SqliteConnection.ClearAllPools();

        Assert.Equal(2, OpenDescriptorsOf(database.Options.SqliteFilePath).Count);
    }

    /// <summary>This process's open file descriptors on <paramref name="file"/> (Linux).</summary>
    private static List<string> OpenDescriptorsOf(string file) =>
        [.. new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
            .Where(fd => { try { return fd.LinkTarget == file; } catch (IOException) { return false; } })
            .Select(fd => fd.Name)];

    /// <summary>
    /// ADR 0041: the writer's statements are bound by position below Microsoft.Data.Sqlite. A failing
    /// one must still surface as SQLite's own error (code and message, which the store's handling of
    /// a duplicate start relies on), leave no value bound for the next use, and store what EF reads back.
    /// </summary>
    [Fact]
    public async Task PreparedStatement_ConstraintFails_ThrowsSqlitesErrorAndTheStatementRunsAgain()
    {
        var database = await _source.NewDatabaseAsync();
        var due = new DateTimeOffset(2026, 12, 7, 9, 30, 0, TimeSpan.FromHours(8));
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            var insert = database.Statements.InsertBookmark;
            var batch = lease.Session.NewBatch();
            batch.Add(insert, new Entities.BookmarkRow { Id = "b1", InstanceId = "i1", District = "lcx", ActivityId = "a", Kind = "Timer", DueAt = due, CreatedAt = due });
            Assert.Equal(1, await batch.ExecuteAsync(CancellationToken.None));

            batch.Add(insert, new Entities.BookmarkRow { Id = "b1", InstanceId = "i2", District = "lcx", ActivityId = "a", Kind = "Task", TaskId = "t1", CreatedAt = due });
            var error = await Assert.ThrowsAsync<SqliteException>(() => batch.ExecuteAsync(CancellationToken.None));
            Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
            Assert.Contains("bookmarks.id", error.Message, StringComparison.Ordinal);

            // The same prepared statement again, with NULLs where the failed use bound values.
            batch = lease.Session.NewBatch();
            batch.Add(insert, new Entities.BookmarkRow { Id = "b2", InstanceId = "i3", District = "lcx", ActivityId = "b", Kind = "Signal", Key = "sig", CreatedAt = due });
            Assert.Equal(1, await batch.ExecuteAsync(CancellationToken.None));
            await lease.CommitAsync(CancellationToken.None);
        }

        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var rows = await db.Bookmarks.AsNoTracking().OrderBy(b => b.Id).ToListAsync(CancellationToken.None);
        Assert.Equal(["b1", "b2"], rows.Select(b => b.Id));
        Assert.Equal(due, rows[0].DueAt);
        Assert.Equal("i1", rows[0].InstanceId);
        Assert.Null(rows[1].TaskId);
        Assert.Null(rows[1].DueAt);
        Assert.Equal("sig", rows[1].Key);
    }

    [Fact]
    public async Task Sessions_ReadAndWrite_HaveTheConfiguredDurabilityAndCheckpointInterval()
    {
        var database = await _source.NewDatabaseAsync(options => options with { WalAutoCheckpointPages = 123 });
        await using (var lease = await database.WriteSessions.BeginAsync(CancellationToken.None))
        {
            Assert.Equal(2L, await PragmaAsync(lease.Session.Connection, "synchronous")); // FULL
            Assert.Equal(123L, await PragmaAsync(lease.Session.Connection, "wal_autocheckpoint"));

            // Asked while the writer is taken, so on a read session of its own.
            var (synchronous, interval) = await database.Reads.ReadAsync(
                async read => (await PragmaAsync(read.Connection, "synchronous"), await PragmaAsync(read.Connection, "wal_autocheckpoint")),
                CancellationToken.None);
            Assert.Equal((2L, 123L), (synchronous, interval));
        }

        Assert.Equal(8000, new FlowGovDataOptions().WalAutoCheckpointPages);
    }

    [Theory]
    [InlineData(16, 0, 64)]        // checkpointed every 16 pages: the WAL starts over and stays small
    [InlineData(8000, 1200, null)] // the default: past SQLite's own 1,000 pages, still one WAL
    public async Task Commits_ManyPages_TheWalIsCheckpointedAtTheConfiguredInterval(int interval, int minPages, int? maxPages)
    {
        var database = await _source.NewDatabaseAsync(options => options with { WalAutoCheckpointPages = interval });
        var row = new string('x', 4000);
        for (var i = 0; i < 600; i++)
        {
            await using var lease = await database.WriteSessions.BeginAsync(CancellationToken.None);
            await ExecuteAsync(lease, $"INSERT INTO districts (district, name, created_at, enabled) VALUES ('d{i}', '{row}', 0, 1)");
            await lease.CommitAsync(CancellationToken.None);
        }

        var walPages = new FileInfo(database.Options.SqliteFilePath + "-wal").Length / 4096;
        Assert.InRange(walPages, minPages, maxPages ?? long.MaxValue);
    }

    [Fact]
    public void Options_CheckpointIntervalNotPositive_AreRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FlowGovDatabase(new FlowGovDataOptions { DataDirectory = Path.GetTempPath(), WalAutoCheckpointPages = 0 }));
        Assert.Contains("FlowGovDataOptions.WalAutoCheckpointPages", error.Message, StringComparison.Ordinal);
    }

    private static async Task<long> PragmaAsync(System.Data.Common.DbConnection connection, string pragma)
    {
        var command = connection.CreateCommand();
        await using (command)
        {
            command.CommandText = "PRAGMA " + pragma;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static async Task ExecuteAsync(WriteLease lease, string sql)
    {
        // The writer's transaction is begun by a statement of its own (ADR 0046), with no transaction
        // object for a command to carry: a command on its connection runs inside it.
        var command = lease.Session.Connection.CreateCommand();
        await using (command)
        {
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }
}
