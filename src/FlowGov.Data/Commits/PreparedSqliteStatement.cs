using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FlowGov.Data.Commits;

/// <summary>
/// One of the advance's statements, prepared once on the SQLite writer's native connection and run
/// with its values bound by position (ADR 0041). Microsoft.Data.Sqlite, for every execution, built a
/// parameter object per column, looked each one's index up by name in the native statement and
/// wrapped the step in a data reader: about as much CPU as SQLite's own work, on the one thread all
/// of a group commit's members wait for. The values arrive already converted by the columns' type
/// mappings (<see cref="RowStatement{TRow}.ProviderValues"/>), so what is stored is what EF would store.
/// </summary>
internal sealed class PreparedSqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PreparedSqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc, sql);
        }
    }

    /// <summary>Binds <paramref name="values"/> to ?1, ?2 … in order, runs the statement to completion and answers the rows it changed.</summary>
    public int Execute(object?[] values)
    {
        try
        {
            for (var i = 0; i < values.Length; i++)
            {
                var bound = Bind(i + 1, values[i]);
                if (bound != raw.SQLITE_OK)
                {
                    throw Error(bound, null);
                }
            }

            var rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE)
            {
                throw Error(rc, null);
            }

            return raw.sqlite3_changes(_db);
        }
        finally
        {
            // Reset for the next use and drop the bound values, whether or not it ran (a long text
            // is not kept alive by a statement that sits idle between transactions).
            raw.sqlite3_reset(_statement);
            raw.sqlite3_clear_bindings(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>The storage classes Microsoft.Data.Sqlite binds these CLR types to; anything else never reaches here (see <see cref="IsBindable"/>).</summary>
    private int Bind(int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string s => raw.sqlite3_bind_text(_statement, index, s),
        long l => raw.sqlite3_bind_int64(_statement, index, l),
        int n => raw.sqlite3_bind_int64(_statement, index, n),
        bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
        double d => raw.sqlite3_bind_double(_statement, index, d),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be bound by position; the statement's column should have been refused when it was built."),
    };

    /// <summary>Whether a column whose provider type is <paramref name="type"/> can go through <see cref="Execute"/>.</summary>
    public static bool IsBindable(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(long) || t == typeof(int) || t == typeof(bool) || t == typeof(double) || t == typeof(byte[]);
    }

    private SqliteException Error(int rc, string? sql)
    {
        var message = raw.sqlite3_errmsg(_db).utf8_to_string();
        return new SqliteException(
            $"SQLite Error {rc.ToString(System.Globalization.CultureInfo.InvariantCulture)}: '{message}'" + (sql is null ? "." : $" preparing: {sql}"),
            rc,
            raw.sqlite3_extended_errcode(_db));
    }
}
