using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data.Commits;

/// <summary>
/// One parameterised INSERT, UPDATE or DELETE of a <typeparamref name="TRow"/>, generated from EF Core's
/// model: table and column names, and each column's type mapping, which converts the value
/// (DateTimeOffset → ticks on SQLite, UTC timestamptz on PostgreSQL) and types the parameter exactly
/// as EF's own update pipeline does — so EF reads back what this writes. See ADR 0038 for why the
/// advance's rows do not go through SaveChanges.
/// </summary>
internal sealed class RowStatement<TRow>
    where TRow : class
{
    private readonly MappedColumn[] _columns;
    private readonly MappedColumn? _guard;

    private RowStatement(string sqlTemplate, MappedColumn[] columns, MappedColumn? guard = null)
    {
        SqlTemplate = sqlTemplate;
        _columns = columns;
        _guard = guard;
    }

    /// <summary>The SQL with <c>{0}</c>, <c>{1}</c>… where the parameters' placeholders go (numbered per use, see <see cref="StatementBatch"/>).</summary>
    public string SqlTemplate { get; }

    public int ParameterCount => _columns.Length + (_guard is null ? 0 : 1);

    /// <summary><c>INSERT INTO t (every column but a store-generated key) VALUES (…)</c>.</summary>
    public static RowStatement<TRow> Insert(IModel model, ISqlGenerationHelper sql)
    {
        var table = ModelTable.Of<TRow>(model, sql);
        var columns = table.Columns
            .Where(c => !(c.Property.IsPrimaryKey() && c.Property.ValueGenerated != ValueGenerated.Never))
            .ToArray();
        var text = new StringBuilder("INSERT INTO ").Append(table.Name).Append(" (")
            .AppendJoin(", ", columns.Select(c => c.Name))
            .Append(") VALUES (")
            .AppendJoin(", ", columns.Select((_, i) => Slot(i)))
            .Append(')');
        return new RowStatement<TRow>(text.ToString(), columns);
    }

    /// <summary>
    /// <c>UPDATE t SET set… WHERE where₁ = … AND where₂ = … [AND guard = expected]</c>; parameters are
    /// bound in that order (set, then where, then the guard's expected value given to <see cref="Bind"/>).
    /// </summary>
    public static RowStatement<TRow> Update(IModel model, ISqlGenerationHelper sql, string[] set, string[] where, string? guard = null)
    {
        var table = ModelTable.Of<TRow>(model, sql);
        var columns = set.Concat(where).Select(table.Column).ToArray();
        var guardColumn = guard is null ? null : table.Column(guard);
        var text = new StringBuilder("UPDATE ").Append(table.Name).Append(" SET ")
            .AppendJoin(", ", columns.Take(set.Length).Select((c, i) => c.Name + " = " + Slot(i)))
            .Append(" WHERE ")
            .AppendJoin(" AND ", columns.Skip(set.Length).Select((c, i) => c.Name + " = " + Slot(set.Length + i)));
        if (guardColumn is not null)
        {
            text.Append(" AND ").Append(guardColumn.Name).Append(" = ").Append(Slot(columns.Length));
        }

        return new RowStatement<TRow>(text.ToString(), columns, guardColumn);
    }

    /// <summary><c>DELETE FROM t WHERE where₁ = … AND …</c>.</summary>
    public static RowStatement<TRow> Delete(IModel model, ISqlGenerationHelper sql, string[] where)
    {
        var table = ModelTable.Of<TRow>(model, sql);
        var columns = where.Select(table.Column).ToArray();
        var text = new StringBuilder("DELETE FROM ").Append(table.Name).Append(" WHERE ")
            .AppendJoin(" AND ", columns.Select((c, i) => c.Name + " = " + Slot(i)));
        return new RowStatement<TRow>(text.ToString(), columns);
    }

    /// <summary>Adds one parameter per column, valued from <paramref name="row"/> through the column's type mapping, then the guard's <paramref name="expected"/> value.</summary>
    public void Bind(DbCommand command, TRow row, IReadOnlyList<string> names, object? expected = null)
    {
        for (var i = 0; i < _columns.Length; i++)
        {
            var c = _columns[i];
            command.Parameters.Add(c.Mapping.CreateParameter(command, names[i], c.Property.GetGetter().GetClrValueUsingContainingEntity(row), c.Property.IsNullable));
        }

        if (_guard is not null)
        {
            command.Parameters.Add(_guard.Mapping.CreateParameter(command, names[_columns.Length], expected, _guard.Property.IsNullable));
        }
    }

    /// <summary>
    /// The values <see cref="Bind"/> would give the parameters, as the provider stores them: each
    /// column's value of <paramref name="row"/> through its type mapping's converter, then the guard's
    /// <paramref name="expected"/> value — for a statement bound by position (<see cref="PreparedSqliteStatement"/>).
    /// </summary>
    public object?[] ProviderValues(TRow row, object? expected = null)
    {
        var values = new object?[ParameterCount];
        for (var i = 0; i < _columns.Length; i++)
        {
            values[i] = ToProvider(_columns[i], _columns[i].Property.GetGetter().GetClrValueUsingContainingEntity(row));
        }

        if (_guard is not null)
        {
            values[_columns.Length] = ToProvider(_guard, expected);
        }

        return values;
    }

    /// <summary>The columns whose provider type <paramref name="bindable"/> refuses, by name; empty when every value can be bound.</summary>
    public IEnumerable<string> ColumnsNotBindable(Func<Type, bool> bindable) =>
        _columns.Concat(_guard is null ? [] : [_guard])
            .Where(c => !bindable(c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType))
            .Select(c => c.Name);

    private static object? ToProvider(MappedColumn column, object? value) =>
        value is null || column.Mapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);

    private static string Slot(int i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
}
