using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data;

/// <summary>
/// A row type's table as EF Core's model maps it — delimited names and each column's type mapping —
/// for the statements generated from the model (<see cref="Commits.RowStatement{TRow}"/>,
/// <see cref="RowRead"/>; ADR 0038), so no table or column is named by hand.
/// </summary>
internal sealed class ModelTable
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;
    private readonly ISqlGenerationHelper _sql;
    private readonly string? _alias;

    private ModelTable(IEntityType entity, StoreObjectIdentifier table, ISqlGenerationHelper sql, string? alias)
    {
        _entity = entity;
        _table = table;
        _sql = sql;
        _alias = alias;
    }

    /// <summary>The table's name, delimited for the provider.</summary>
    public string Name => _sql.DelimitIdentifier(_table.Name, _table.Schema);

    /// <summary>The table as a FROM or JOIN names it: its name, and its alias if it has one.</summary>
    public string Source => _alias is null ? Name : Name + " AS " + _sql.DelimitIdentifier(_alias);

    /// <summary>The same table under an alias, for a join: its columns are named through the alias.</summary>
    public ModelTable As(string alias) => new(_entity, _table, _sql, alias);

    public static ModelTable Of<TRow>(IModel model, ISqlGenerationHelper sql)
    {
        var entity = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not mapped to a table.");
        return new ModelTable(entity, table, sql, null);
    }

    /// <summary>Every mapped column, in the model's order.</summary>
    public IEnumerable<MappedColumn> Columns => _entity.GetProperties().Select(Column);

    public MappedColumn Column(string property) =>
        Column(_entity.FindProperty(property) ?? throw new InvalidOperationException($"{_entity.ClrType.Name} has no property {property}."));

    private MappedColumn Column(IProperty property)
    {
        var name = _sql.DelimitIdentifier(property.GetColumnName(_table) ?? throw new InvalidOperationException($"{property.Name} has no column in {_table.Name}."));
        return new(_alias is null ? name : _sql.DelimitIdentifier(_alias) + "." + name, property, property.GetRelationalTypeMapping());
    }
}

/// <summary>A column: its delimited name (qualified by its table's alias, if any), its property and the type mapping that converts and types its values.</summary>
internal sealed record MappedColumn(string Name, IProperty Property, RelationalTypeMapping Mapping);
