using System.Data.Common;
using System.Globalization;
using System.Text;

namespace FlowGov.Data.Commits;

/// <summary>
/// The statements of one advance, run in the open transaction. How they travel differs by provider
/// because what is expensive differs: PostgreSQL pays a network round trip per command, so they go
/// as one command (Npgsql sends it as one batch); SQLite runs in-process, where the cost is CPU on the
/// writer's thread, so each statement is prepared once for the writer session's life and run with its
/// values bound by position (<see cref="PreparedSqliteStatement"/>, ADR 0041).
/// </summary>
internal abstract class StatementBatch
{
    public static StatementBatch For(WriteSession session) =>
        session.Db.Provider == StoreProvider.Sqlite ? new Separate(session) : new Combined(session.Connection, session.Transaction);

    /// <summary>Adds a statement for <paramref name="row"/>; <paramref name="providerValues"/>, when given, are its values already converted by <see cref="RowStatement{TRow}.ProviderValues"/>.</summary>
    public abstract void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null, object?[]? providerValues = null)
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

        public override void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null, object?[]? providerValues = null)
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
        private readonly List<(PreparedSqliteStatement Statement, object?[] Values)> _pending = [];

        public override void Add<TRow>(RowStatement<TRow> statement, TRow row, object? expected = null, object?[]? providerValues = null) =>
            _pending.Add((session.Prepared(statement), providerValues ?? statement.ProviderValues(row, expected)));

        public override Task<int> ExecuteAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var affected = 0;
            foreach (var (statement, values) in _pending)
            {
                affected += statement.Execute(values);
            }

            _pending.Clear();
            return Task.FromResult(affected);
        }
    }
}
