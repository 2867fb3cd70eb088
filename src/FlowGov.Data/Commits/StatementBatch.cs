using System.Data.Common;
using System.Globalization;
using System.Text;

namespace FlowGov.Data.Commits;

/// <summary>
/// The statements of one advance, run in the open transaction. How they travel differs by provider
/// because what is expensive differs: PostgreSQL pays a network round trip per command, so they go
/// as one command (Npgsql sends it as one batch); SQLite runs in-process but binds every parameter
/// of a command to every statement in it by name and prepares its text on each execution, so each
/// statement is its own command, reused for the rest of the transaction (<see cref="WriteSession"/>) —
/// prepared once per batch of advances and holding only its own parameters.
/// </summary>
internal abstract class StatementBatch
{
    public static StatementBatch For(WriteSession session) =>
        session.Db.Provider == StoreProvider.Sqlite ? new Separate(session) : new Combined(session.Connection, session.Transaction);

    public abstract void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null)
        where TRow : class;

    /// <summary>Runs what was added (what is still pending); returns the rows affected, summed over the statements.</summary>
    public abstract Task<int> ExecuteAsync(CancellationToken cancellationToken);

    public static string[] Names(int first, int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = "@p" + (first + i).ToString(CultureInfo.InvariantCulture);
        }

        return names;
    }

    private sealed class Combined(DbConnection connection, DbTransaction transaction) : StatementBatch
    {
        private readonly StringBuilder _text = new();
        private DbCommand? _command;

        public override void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null)
        {
            _command ??= connection.CreateCommand();
            var names = Names(_command.Parameters.Count, statement.ParameterCount);
            _text.AppendFormat(CultureInfo.InvariantCulture, statement.SqlTemplate, names).Append(";\n");
            statement.Bind(_command, row, names, expected);
        }

        public override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            if (_command is not { } command)
            {
                return 0;
            }

            _command = null;
            await using (command.ConfigureAwait(false))
            {
                command.Transaction = transaction;
                command.CommandText = _text.ToString();
                _text.Clear();
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed class Separate(WriteSession session) : StatementBatch
    {
        private readonly List<(DbCommand Command, Action<DbCommand> Bind)> _pending = [];

        public override void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null)
        {
            // Bound when run: the same statement (and so the same command) may be added twice.
            _pending.Add((session.Command(statement.SqlTemplate, statement.ParameterCount, out var names), c => statement.Bind(c, row, names, expected)));
        }

        public override async Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            var affected = 0;
            foreach (var (command, bind) in _pending)
            {
                command.Parameters.Clear();
                bind(command);
                affected += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _pending.Clear();
            return affected;
        }
    }
}
