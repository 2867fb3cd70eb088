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
            using var once = await ReadSession.OpenAsync(database, keep: false, cancellationToken).ConfigureAwait(false);
            return await read(once).ConfigureAwait(false);
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = _idle.TryTake(out var idle) ? idle : await ReadSession.OpenAsync(database, keep: true, cancellationToken).ConfigureAwait(false);
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

/// <summary>An open connection for store reads and, if kept, the commands prepared on it.</summary>
internal sealed class ReadSession : IDisposable
{
    private readonly FlowGovDbContext _db;
    private readonly Dictionary<string, DbCommand>? _commands;
    private readonly List<DbCommand> _oneOff = [];

    private ReadSession(FlowGovDbContext db, bool keep)
    {
        _db = db;
        Connection = db.Database.GetDbConnection();
        _commands = keep ? new Dictionary<string, DbCommand>(StringComparer.Ordinal) : null;
    }

    public DbConnection Connection { get; }

    /// <summary>The context whose connection this is (its model generates the reads' SQL).</summary>
    public FlowGovDbContext Db => _db;

    public static async Task<ReadSession> OpenAsync(FlowGovDatabase database, bool keep, CancellationToken cancellationToken)
    {
        var db = database.CreateContext(DistrictScope.AllDistricts);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new ReadSession(db, keep);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A command for <paramref name="sql"/> with no parameters: the session's prepared one if it keeps commands, else a new one it disposes itself.</summary>
    public DbCommand Command(string sql)
    {
        if (_commands is null)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            _oneOff.Add(command);
            return command;
        }

        if (!_commands.TryGetValue(sql, out var kept))
        {
            kept = Connection.CreateCommand();
            kept.CommandText = sql;
            _commands.Add(sql, kept);
        }

        kept.Parameters.Clear();
        return kept;
    }

    public void Dispose()
    {
        foreach (var command in _commands is null ? _oneOff : _oneOff.Concat(_commands.Values))
        {
            command.Dispose();
        }

        _db.Database.CloseConnection();
        _db.Dispose();
    }
}
