using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data.Commits;

/// <summary>
/// A context that writes advances — alone or a group commit's batch — one transaction at a time,
/// and the commands it has prepared. On SQLite the session is the database's one writer
/// (<see cref="WriteSessions"/>): its connection stays open, so each statement is compiled once for
/// the life of the process instead of once per transaction (a prepared statement belongs to its
/// native connection, and a pooled connection may come back with another one). On PostgreSQL a
/// session lasts one transaction.
/// </summary>
internal sealed class WriteSession : IAsyncDisposable
{
    // By the statement object, not its SQL: a statement set is made once per model, and hashing each
    // statement's text on every use was a visible part of the writer's time.
    private readonly Dictionary<object, PreparedSqliteStatement> _prepared = new(ReferenceEqualityComparer.Instance);
    private IDbContextTransaction? _transaction;

    // SQLite: the writer's transactions are begun and ended by statements prepared once, not through
    // EF and Microsoft.Data.Sqlite, which compiled BEGIN and COMMIT again for every advance and
    // wrapped each in their transaction objects (ADR 0046). Only this session's statements and EF's
    // rare ExecuteUpdates of an advance run inside, and neither asks for a transaction object.
    private readonly SqliteTransactionStatements? _sqliteTransactions;

    private WriteSession(FlowGovDbContext db)
    {
        Db = db;
        Connection = db.Database.GetDbConnection();
        _sqliteTransactions = Connection is Microsoft.Data.Sqlite.SqliteConnection sqlite ? new SqliteTransactionStatements(sqlite) : null;
    }

    public FlowGovDbContext Db { get; }

    /// <summary>The store's reads on this session's connection, between its transactions (<see cref="WriteSessions.TryReadAsync"/>).</summary>
    public ReadSession Reads => _reads ??= ReadSession.Over(Db);

    private ReadSession? _reads;

    public DbConnection Connection { get; }

    /// <summary>PostgreSQL: the open transaction. SQLite's writer has none to give: its transaction is begun by a statement.</summary>
    public DbTransaction Transaction => _transaction?.GetDbTransaction() ?? throw new InvalidOperationException("The write session has no open transaction.");

    /// <summary>A session on a context of its own, its connection opened now and kept until disposal.</summary>
    public static async Task<WriteSession> OpenAsync(FlowGovDatabase database, CancellationToken cancellationToken)
    {
        var db = database.CreateContext(DistrictScope.AllDistricts);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return new WriteSession(db);
        }
        catch
        {
            await db.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public StatementBatch NewBatch() => StatementBatch.For(this);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (_transaction is not null || _sqliteTransactions is { IsOpen: true })
        {
            throw new InvalidOperationException("The write session already has an open transaction.");
        }

        if (_sqliteTransactions is { } sqlite)
        {
            sqlite.Begin();
            return;
        }

        _transaction = await Db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_sqliteTransactions is { } sqlite)
        {
            sqlite.Commit();
            return;
        }

        var transaction = _transaction ?? throw new InvalidOperationException("The write session has no open transaction.");
        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _transaction = null;
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Rolls the open transaction back, if any; the session can begin another.</summary>
    public async Task RollbackAsync()
    {
        if (_sqliteTransactions is { } sqlite)
        {
            sqlite.Rollback();
            return;
        }

        if (_transaction is not { } transaction)
        {
            return;
        }

        _transaction = null;
        try
        {
            await transaction.RollbackAsync().ConfigureAwait(false);
        }
        finally
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// SQLite: <paramref name="statement"/> prepared on this session's connection, on first use, with
    /// positional parameters ?1, ?2 … in the order <see cref="RowStatement{TRow}.ProviderValues"/> gives them.
    /// </summary>
    public PreparedSqliteStatement Prepared<TRow>(RowStatement<TRow> statement)
        where TRow : class
    {
        if (!_prepared.TryGetValue(statement, out var prepared))
        {
            var refused = string.Join(", ", statement.ColumnsNotBindable(PreparedSqliteStatement.IsBindable));
            if (refused.Length > 0)
            {
                throw new NotSupportedException($"Columns {refused} of {typeof(TRow).Name} have a provider type the writer cannot bind; give them a value converter to text, integer or real.");
            }

            var positions = Enumerable.Range(1, statement.ParameterCount).Select(i => (object)("?" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            prepared = new PreparedSqliteStatement((Microsoft.Data.Sqlite.SqliteConnection)Connection, string.Format(CultureInfo.InvariantCulture, statement.SqlTemplate, positions));
            _prepared.Add(statement, prepared);
        }

        return prepared;
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync().ConfigureAwait(false);
        foreach (var prepared in _prepared.Values)
        {
            prepared.Dispose(); // finalized before the connection closes, which refuses while statements are open
        }

        _prepared.Clear();
        _sqliteTransactions?.Dispose();
        _reads?.Dispose();
        await Db.Database.CloseConnectionAsync().ConfigureAwait(false);
        await Db.DisposeAsync().ConfigureAwait(false);
    }
}
