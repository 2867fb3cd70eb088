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
    private readonly Column[] _columns;
    private readonly Column? _guard;

    private RowStatement(string sqlTemplate, Column[] columns, Column? guard = null)
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
        var (entity, table) = Table(model);
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .Select(p => Column.Of(p, table))
            .ToArray();
        var text = new StringBuilder("INSERT INTO ").Append(Name(sql, table)).Append(" (")
            .AppendJoin(", ", columns.Select(c => sql.DelimitIdentifier(c.Name)))
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
        var (entity, table) = Table(model);
        var columns = set.Concat(where).Select(name => Column.Of(Property(entity, name), table)).ToArray();
        var guardColumn = guard is null ? null : Column.Of(Property(entity, guard), table);
        var text = new StringBuilder("UPDATE ").Append(Name(sql, table)).Append(" SET ")
            .AppendJoin(", ", columns.Take(set.Length).Select((c, i) => sql.DelimitIdentifier(c.Name) + " = " + Slot(i)))
            .Append(" WHERE ")
            .AppendJoin(" AND ", columns.Skip(set.Length).Select((c, i) => sql.DelimitIdentifier(c.Name) + " = " + Slot(set.Length + i)));
        if (guardColumn is not null)
        {
            text.Append(" AND ").Append(sql.DelimitIdentifier(guardColumn.Name)).Append(" = ").Append(Slot(columns.Length));
        }

        return new RowStatement<TRow>(text.ToString(), columns, guardColumn);
    }

    /// <summary><c>DELETE FROM t WHERE where₁ = … AND …</c>.</summary>
    public static RowStatement<TRow> Delete(IModel model, ISqlGenerationHelper sql, string[] where)
    {
        var (entity, table) = Table(model);
        var columns = where.Select(name => Column.Of(Property(entity, name), table)).ToArray();
        var text = new StringBuilder("DELETE FROM ").Append(Name(sql, table)).Append(" WHERE ")
            .AppendJoin(" AND ", columns.Select((c, i) => sql.DelimitIdentifier(c.Name) + " = " + Slot(i)));
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

    private static string Slot(int i) => "{" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";

    private static (IEntityType Entity, StoreObjectIdentifier Table) Table(IModel model)
    {
        var entity = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not mapped to a table.");
        return (entity, table);
    }

    private static IProperty Property(IEntityType entity, string name) =>
        entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.ClrType.Name} has no property {name}.");

    private static string Name(ISqlGenerationHelper sql, StoreObjectIdentifier table) => sql.DelimitIdentifier(table.Name, table.Schema);

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping)
    {
        public static Column Of(IProperty property, StoreObjectIdentifier table) => new(
            property.GetColumnName(table) ?? throw new InvalidOperationException($"{property.Name} has no column in {table.Name}."),
            property,
            property.GetRelationalTypeMapping());
    }
}
