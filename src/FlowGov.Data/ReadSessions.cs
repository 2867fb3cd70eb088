using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// Connections for the reads every transition makes (<see cref="StoreReads"/>). On SQLite each one
/// stays open with its statements prepared, and callers take an idle one: opening a pooled
/// connection, compiling the SELECT and closing again cost more than the read itself, three times
/// per transition (ADR 0040). On PostgreSQL, whose driver pools and prepares on its own, each read
/// gets a context and connection for its duration, as before.
/// </summary>
internal sealed class ReadSessions(FlowGovDatabase database) : IDisposable
{
    private readonly ConcurrentBag<ReadSession> _idle = [];
    private readonly int _keep = Math.Max(4, Environment.ProcessorCount * 2);
    private bool _disposed;

    public async Task<T> ReadAsync<T>(Func<ReadSession, Task<T>> read, CancellationToken cancellationToken)
    {
        if (database.Provider != StoreProvider.Sqlite)
        {
            using var once = await ReadSession.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            return await read(once).ConfigureAwait(false);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);

        // The connection that wrote last keeps its page cache; every other one drops its cache at its
        // next read (SQLite resets a connection's cache whenever the WAL has changed under it). So a
        // read goes to the writer's connection whenever no advance is being committed (ADR 0045), and
        // to a read session of its own only when it would otherwise wait for the writer.
        if (database.GroupCommits is not { InFlight: > 0 })
        {
            var (done, value) = await database.WriteSessions.TryReadAsync(read, cancellationToken).ConfigureAwait(false);
            if (done)
            {
                return value;
            }
        }

        var session = _idle.TryTake(out var idle) ? idle : await ReadSession.OpenAsync(database, cancellationToken).ConfigureAwait(false);
        var healthy = false;
        try
        {
            var value = await read(session).ConfigureAwait(false);
            healthy = true;
            return value;
        }
        finally
        {
            // A failed read (cancelled mid-step, a lost file) may leave the connection mid-statement:
            // it is closed rather than handed to the next caller.
            if (healthy && !_disposed && _idle.Count < _keep)
            {
                _idle.Add(session);
            }
            else
            {
                session.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            session.Dispose();
        }
    }
}

/// <summary>An open connection for store reads and the commands prepared on it (for as long as it lives: one read on PostgreSQL, many on SQLite).</summary>
internal sealed class ReadSession : IDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly bool _ownsConnection;

    private ReadSession(FlowGovDbContext db, bool ownsConnection)
    {
        Db = db;
        Connection = db.Database.GetDbConnection();
        _ownsConnection = ownsConnection;
    }

    public DbConnection Connection { get; }

    /// <summary>The context whose connection this is (its model generates the reads' SQL).</summary>
    public FlowGovDbContext Db { get; }

    public static async Task<ReadSession> OpenAsync(FlowGovDatabase database, CancellationToken cancellationToken)
    {
        var db = database.CreateContext(DistrictScope.AllDistricts);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new ReadSession(db, ownsConnection: true);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads on a connection another session owns and keeps open (the writer's): disposing this disposes only its commands.</summary>
    public static ReadSession Over(FlowGovDbContext db) => new(db, ownsConnection: false);

    /// <summary>The session's command for <paramref name="sql"/>, created on first use, its parameters cleared.</summary>
    public DbCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        if (_ownsConnection)
        {
            Db.Database.CloseConnection();
            Db.Dispose();
        }
    }
}
