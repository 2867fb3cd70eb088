using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data.Commits;

/// <summary>
/// One write transaction on a context — an advance alone, or a group commit's batch — and the
/// SQLite commands prepared in it. A prepared statement belongs to the native connection it was
/// prepared on, and a pooled connection object gets another native handle when it reopens, so the
/// commands live exactly as long as the transaction and are disposed with it.
/// </summary>
internal sealed class WriteSession(FlowGovDbContext db, IDbContextTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, (DbCommand Command, string[] Names)> _commands = new(StringComparer.Ordinal);

    public FlowGovDbContext Db { get; } = db;

    public DbConnection Connection { get; } = db.Database.GetDbConnection();

    public DbTransaction Transaction { get; } = transaction.GetDbTransaction();

    public TransitionStatements Statements { get; } = TransitionStatements.For(db);

    public StatementBatch NewBatch() => StatementBatch.For(this);

    /// <summary>The command for <paramref name="template"/>, created on first use with parameters <c>@p0</c>…</summary>
    public DbCommand Command(string template, int parameters, out string[] names)
    {
        if (!_commands.TryGetValue(template, out var entry))
        {
            var command = Connection.CreateCommand();
            command.Transaction = Transaction;
            var created = StatementBatch.Names(0, parameters);
            command.CommandText = string.Format(CultureInfo.InvariantCulture, template, created);
            entry = (command, created);
            _commands.Add(template, entry);
        }

        names = entry.Names;
        return entry.Command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (command, _) in _commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        _commands.Clear();
    }
}
