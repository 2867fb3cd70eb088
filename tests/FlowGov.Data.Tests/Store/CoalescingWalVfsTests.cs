using System.Globalization;
using FlowGov.Data.Providers;
using Microsoft.Data.Sqlite;

namespace FlowGov.Data.Tests.Store;

/// <summary>
/// ADR 0046: the VFS every SQLite connection of the process opens files through buffers a
/// transaction's WAL writes and hands them to the file together. Whatever it buffers has to be in the
/// file before any other connection can be told about it, and never after another writer's frames.
/// </summary>
public sealed class CoalescingWalVfsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "flowgov-vfs-" + Path.GetRandomFileName());

    public CoalescingWalVfsTests()
    {
        CoalescingWalVfs.EnsureRegistered();
        Directory.CreateDirectory(_dir);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Commit_OfManyPages_ReachesTheWalInFewWrites()
    {
        using var connection = Open("few-writes.db", "FULL");
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
        var before = CoalescingWalVfs.WalWrites;

        // About 100 pages of 4 KiB: SQLite asks for two writes a frame (header, page).
        using (var transaction = connection.BeginTransaction())
        {
            for (var i = 0; i < 100; i++)
            {
                Execute(connection, $"INSERT INTO t (body) VALUES (zeroblob(3500))");
            }

            transaction.Commit();
        }

        var after = CoalescingWalVfs.WalWrites;
        // Other tests write at the same time; each of their writes adds at least as much to the
        // requested count as to the made one, so they can only widen this gap, never close it.
        var saved = (after.Requested - before.Requested) - (after.Made - before.Made);
        Assert.True(saved >= 150, $"requested {after.Requested - before.Requested} WAL writes, made {after.Made - before.Made}");
        Assert.Equal(100L, Scalar(connection, "SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("NORMAL")]
    [InlineData("FULL")]
    public void Commit_IsVisibleToAnotherConnectionAtOnce(string synchronous)
    {
        // With synchronous=NORMAL SQLite does not sync the WAL at commit, so nothing but the VFS's
        // flush before the wal-index is updated puts the frames in the file before the reader looks.
        using var writer = Open($"visible-{synchronous}.db", synchronous);
        Execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)");
        using var reader = Open($"visible-{synchronous}.db", synchronous);
        for (var i = 1; i <= 200; i++)
        {
            using (var transaction = writer.BeginTransaction())
            {
                Execute(writer, $"INSERT INTO t (id, body) VALUES ({i}, randomblob({(i % 7) * 1500}))");
                Execute(writer, $"UPDATE t SET body = randomblob(100) WHERE id = {Math.Max(1, i / 2)}");
                transaction.Commit();
            }

            Assert.Equal((long)i, Scalar(reader, "SELECT count(*) FROM t"));
            Assert.Equal((long)i, Scalar(reader, "SELECT max(id) FROM t"));
        }

        Assert.Equal("ok", Text(reader, "PRAGMA integrity_check"));
    }

    [Fact]
    public async Task Commits_ReadConcurrently_AreWholeInEverySnapshot()
    {
        // A reader may look the instant SQLite publishes a commit in the wal-index, before the writer
        // has let go of its lock: the frames have to be in the file by then.
        using var writer = Open("concurrent.db", "NORMAL");
        Execute(writer, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, body BLOB)");
        // Row 0 counts the commits; each commit also adds one to another row and rewrites its body
        // (three pages). So in every snapshot the other rows add up to row 0.
        Execute(writer, "WITH RECURSIVE ids(id) AS (SELECT 0 UNION ALL SELECT id + 1 FROM ids WHERE id < 9) INSERT INTO t (id, n, body) SELECT id, 0, randomblob(9000) FROM ids");
        var done = false;
        var snapshots = 0;
        using var started = new ManualResetEventSlim();
        var reading = Task.Run(() =>
        {
            using var reader = Open("concurrent.db", "NORMAL");
            started.Set();
            while (!Volatile.Read(ref done))
            {
                using var transaction = reader.BeginTransaction(deferred: true);
                var commits = Scalar(reader, "SELECT n FROM t WHERE id = 0");
                Assert.Equal(commits, Scalar(reader, "SELECT sum(n) FROM t WHERE id > 0"));
                Assert.Equal(10L, Scalar(reader, "SELECT count(*) FROM t WHERE length(body) = 9000"));
                Interlocked.Increment(ref snapshots);
            }
        });

        started.Wait(TimeSpan.FromSeconds(30));
        var commits = 0;
        while (!reading.IsCompleted && (commits < 2000 || Volatile.Read(ref snapshots) < 2000) && commits < 50_000)
        {
            commits++;
            Execute(writer, $"BEGIN; UPDATE t SET n = n + 1, body = randomblob(9000) WHERE id = {1 + (commits % 9)}; UPDATE t SET n = n + 1 WHERE id = 0; COMMIT;");
        }

        Volatile.Write(ref done, true);
        await reading;
        Assert.True(snapshots >= 2000, $"{snapshots} snapshots read during {commits} commits");
        Assert.Equal((long)commits, Scalar(writer, "SELECT n FROM t WHERE id = 0"));
    }

    [Fact]
    public void RolledBackSpill_NeverLandsOverAnotherWritersCommit()
    {
        // A page cache of five pages makes the first writer spill the sixty pages it changes to the
        // WAL mid-transaction (each once, and read from the database file, so nothing of the WAL is
        // read back); then it rolls back. The spilled frames lie exactly where the second writer's
        // commit goes next, so if any of them were written after that commit they would replace it.
        using var first = Open("spill.db", "FULL");
        Execute(first, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, body BLOB)");
        Execute(first, "WITH RECURSIVE ids(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM ids WHERE id < 60) INSERT INTO t (id, n, body) SELECT id, 0, randomblob(3000) FROM ids");
        Execute(first, "PRAGMA wal_checkpoint(TRUNCATE)");
        Execute(first, "PRAGMA cache_size = 5");
        using var second = Open("spill.db", "FULL");

        for (var round = 1; round <= 5; round++)
        {
            using (var transaction = first.BeginTransaction())
            {
                Execute(first, "UPDATE t SET n = n - 1000, body = randomblob(3000)");
                transaction.Rollback();
            }

            Execute(second, $"UPDATE t SET n = n + 1 WHERE id = {round}");

            // The first connection's next use of its WAL (a read) must not write anything old.
            Assert.Equal((long)round, Scalar(first, "SELECT sum(n) FROM t"));
            Assert.Equal((long)round, Scalar(second, "SELECT sum(n) FROM t"));
        }

        Assert.Equal("ok", Text(first, "PRAGMA integrity_check"));
        first.Close();
        second.Close();

        // And after every connection closed, from the files alone.
        using var reopened = Open("spill.db", "FULL");
        Assert.Equal(5L, Scalar(reopened, "SELECT sum(n) FROM t"));
        Assert.Equal("ok", Text(reopened, "PRAGMA integrity_check"));
    }

    [Fact]
    public void WalRestartedByCheckpoints_KeepsEveryCommit()
    {
        // Checkpoints every few pages make writers restart the WAL from its header again and again,
        // from two connections in turn, while a third reads.
        using var a = Open("restart.db", "NORMAL");
        Execute(a, "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, body BLOB)");
        using var b = Open("restart.db", "NORMAL");
        using var reader = Open("restart.db", "NORMAL");
        foreach (var connection in new[] { a, b })
        {
            Execute(connection, "PRAGMA wal_autocheckpoint = 4");
        }

        long sum = 0;
        for (var i = 1; i <= 300; i++)
        {
            var writer = i % 3 == 0 ? b : a;
            Execute(writer, $"INSERT INTO t (id, n, body) VALUES ({i}, {i * 7}, randomblob({i % 5 * 1000}))");
            sum += i * 7;
            Assert.Equal(sum, Scalar(reader, "SELECT sum(n) FROM t"));
        }

        Assert.Equal("ok", Text(reader, "PRAGMA integrity_check"));
    }

    private SqliteConnection Open(string file, string synchronous)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_dir, file),
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 5000");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }
}
