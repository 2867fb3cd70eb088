using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data;

/// <summary>
/// A single-row SELECT by key, generated from EF Core's model like the advance's writes (ADR 0038):
/// names from the metadata, parameters and values through each column's type mapping and value
/// converter. It reads one table, or a table joined by key to the rows it points at (a bookmark and
/// its instance). The store's district scope is applied here as the global query filter would: in a
/// district's scope the row looked up must carry that district, and a join must match districts too.
/// </summary>
internal sealed class RowRead
{
    private readonly string _sql;
    private readonly string _sqlInDistrict;
    private readonly MappedColumn[] _select;
    private readonly Func<DbDataReader, int, object>[] _readers;
    private readonly MappedColumn[] _where;
    private readonly RelationalTypeMapping _district;

    private RowRead(string source, MappedColumn[] select, MappedColumn[] where, MappedColumn district)
    {
        _select = select;

        // Each column read as the provider's own type (a PostgreSQL timestamptz as DateTimeOffset,
        // not the DateTime GetValue answers), then converted by the mapping as EF would.
        _readers = [.. _select.Select(c => Reader(c.Mapping.Converter?.ProviderClrType ?? c.Mapping.ClrType))];
        _where = where;
        _district = district.Mapping;
        var text = new StringBuilder("SELECT ").AppendJoin(", ", _select.Select(c => c.Name))
            .Append(" FROM ").Append(source)
            .Append(" WHERE ").AppendJoin(" AND ", _where.Select((c, i) => c.Name + " = @p" + i.ToString(CultureInfo.InvariantCulture)));
        _sql = text.ToString();
        _sqlInDistrict = text.Append(" AND ").Append(district.Name).Append(" = @d").ToString();
    }

    /// <summary>The <paramref name="select"/> columns of the <typeparamref name="TRow"/> row whose <paramref name="where"/> columns match.</summary>
    public static RowRead Of<TRow>(IModel model, ISqlGenerationHelper sql, string[] select, string[] where)
        where TRow : class
    {
        var table = ModelTable.Of<TRow>(model, sql);
        return new RowRead(table.Source, [.. select.Select(table.Column)], [.. where.Select(table.Column)], table.Column(nameof(Entities.IDistrictOwned.District)));
    }

    /// <summary>
    /// A read over a join: <paramref name="source"/> is its FROM clause (aliased tables, each join
    /// matching districts); <paramref name="where"/> and <paramref name="district"/> are the columns
    /// of the row it is looked up by.
    /// </summary>
    public static RowRead Over(string source, MappedColumn[] select, MappedColumn[] where, MappedColumn district) => new(source, select, where, district);

    private static Func<DbDataReader, int, object> Reader(Type type) =>
        typeof(RowRead).GetMethod(nameof(Read), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(Nullable.GetUnderlyingType(type) ?? type)
            .CreateDelegate<Func<DbDataReader, int, object>>();

    private static object Read<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal)!;

    /// <summary>The selected columns of the first matching row in <paramref name="scope"/>, as model values; null when none.</summary>
    public async Task<object?[]?> FirstAsync(ReadSession session, DistrictScope scope, object?[] key, CancellationToken cancellationToken)
    {
        var command = session.Command(scope.IsAllDistricts ? _sql : _sqlInDistrict);
        for (var i = 0; i < _where.Length; i++)
        {
            command.Parameters.Add(_where[i].Mapping.CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), key[i], nullable: false));
        }

        if (!scope.IsAllDistricts)
        {
            command.Parameters.Add(_district.CreateParameter(command, "@d", scope.District, nullable: false));
        }

        var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var values = new object?[_select.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var raw = reader.IsDBNull(i) ? null : _readers[i](reader, i);
                var converter = _select[i].Mapping.Converter;
                values[i] = raw is null || converter is null ? raw : converter.ConvertFromProvider(raw);
            }

            return values;
        }
    }
}
