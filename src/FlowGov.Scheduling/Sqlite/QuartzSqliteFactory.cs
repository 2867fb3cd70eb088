using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace FlowGov.Scheduling.Sqlite;

/// <summary>
/// The ADO factory Quartz opens <c>quartz.db</c> through: Microsoft.Data.Sqlite, except that each new
/// native connection is put in WAL with <c>synchronous=NORMAL</c> and a busy timeout (ADR 0036).
/// NORMAL is safe here whatever <c>flowgov.db</c> uses: a power loss can only lose the last Quartz
/// writes, and start-up reconciliation rebuilds timers from the bookmarks in <c>flowgov.db</c> while a
/// lost delete of a fired trigger only refires a consumed bookmark (a no-op). With FULL every fire's
/// three Quartz transactions (acquire, fire, complete) each waited for an fsync.
/// </summary>
public sealed class QuartzSqliteFactory : DbProviderFactory
{
    public static QuartzSqliteFactory Instance { get; } = new();

    private QuartzSqliteFactory()
    {
    }

    public override DbConnection CreateConnection() => new QuartzSqliteConnection();

    public override DbCommand CreateCommand() => SqliteFactory.Instance.CreateCommand();

    public override DbParameter CreateParameter() => SqliteFactory.Instance.CreateParameter();

    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => SqliteFactory.Instance.CreateConnectionStringBuilder();

    /// <summary>A <see cref="SqliteConnection"/> that sets its pragmas once per native handle (pooled handles keep them).</summary>
    private sealed class QuartzSqliteConnection : SqliteConnection
    {
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        private static readonly ConditionalWeakTable<object, object> Configured = [];

        public override void Open()
        {
            base.Open();
            if (Handle is { } handle && Configured.TryAdd(handle, Pragmas))
            {
                using var command = CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
            }
        }
    }
}
