using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FlowGov.Data.Providers;

/// <summary>
/// Sets <c>synchronous</c>, the WAL's checkpoint interval, the busy timeout and foreign keys on every SQLite connection (they are
/// per connection; WAL is persistent and set once by <see cref="FlowGovDatabase.MigrateAsync"/>).
/// Pooled connections keep their native handle and with it the settings, so each handle is set up
/// once rather than on every open (an extra statement on every store call otherwise).
/// </summary>
public sealed class SqlitePragmaInterceptor(SqliteSynchronous synchronous, int walAutoCheckpointPages, TimeSpan busyTimeout) : DbConnectionInterceptor
{
    private readonly ConditionalWeakTable<object, object> _configured = [];

    private readonly string _pragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA synchronous={(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")}; PRAGMA wal_autocheckpoint={walAutoCheckpointPages}; PRAGMA busy_timeout={(int)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys=ON;");

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!FirstOpen(connection))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || _configured.TryAdd(handle, this);
}
