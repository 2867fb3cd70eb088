using System.Globalization;
using System.Reflection;
using System.Text;

namespace FlowGov.Server.Reports;

/// <summary>Report rows as CSV: a header of the row type's properties in snake_case, one line per row, Excel-safe.</summary>
public static class ReportCsv
{
    public static string Write<T>(IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var csv = new StringBuilder();
        csv.Append('\uFEFF'); // Excel reads UTF-8 Chinese only with a BOM.
        csv.AppendJoin(',', properties.Select(p => SnakeCase(p.Name))).AppendLine();
        foreach (var row in rows)
        {
            csv.AppendJoin(',', properties.Select(p => Cell(Format(p.GetValue(row))))).AppendLine();
        }

        return csv.ToString();
    }

    /// <summary>Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start).</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
