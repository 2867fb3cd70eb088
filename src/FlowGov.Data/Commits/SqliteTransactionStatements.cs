using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlowGov.Data.Commits;

/// <summary>BEGIN IMMEDIATE, COMMIT and ROLLBACK prepared once on the SQLite writer's connection.</summary>
internal sealed class SqliteTransactionStatements(SqliteConnection connection) : IDisposable
{
    private readonly PreparedSqliteStatement _begin = new(connection, "BEGIN IMMEDIATE");
    private readonly PreparedSqliteStatement _commit = new(connection, "COMMIT");
    private readonly PreparedSqliteStatement _rollback = new(connection, "ROLLBACK");

    /// <summary>Whether the connection is inside a transaction, as SQLite itself says.</summary>
    public bool IsOpen => raw.sqlite3_get_autocommit(connection.Handle) == 0;

    /// <summary>
    /// Immediate, as Microsoft.Data.Sqlite begins them: the write lock is taken now, so a writer that
    /// has begun never finds the database changed under the reads it makes.
    /// </summary>
    public void Begin() => _begin.Execute([]);

    public void Commit()
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("The write session has no open transaction.");
        }

        try
        {
            _commit.Execute([]);
        }
        catch (SqliteException)
        {
            // A commit that failed may leave the transaction open (busy) or have ended it (I/O
            // error); either way nothing of it stays. The commit's own error is the one to report,
            // and the lease discards this connection after a failed commit whatever the rollback did.
            try
            {
                Rollback();
            }
            catch (SqliteException)
            {
            }

            throw;
        }
    }

    /// <summary>Rolls back the open transaction, if there is one.</summary>
    public void Rollback()
    {
        if (IsOpen)
        {
            _rollback.Execute([]);
        }
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
    }
}
