using System.Globalization;

namespace FlowGov.Core.Validation;

/// <summary>
/// A syntax check for Quartz cron expressions (Core cannot reference Quartz): six or seven fields,
/// seconds first — <c>sec min hour day-of-month month day-of-week [year]</c> — with lists (<c>,</c>),
/// ranges (<c>-</c>), steps (<c>/</c>), <c>*</c>, <c>?</c>, <c>L</c>, <c>W</c>, <c>#</c>, and month and
/// weekday names. Exactly one of day-of-month and day-of-week must be <c>?</c>, as Quartz requires.
/// </summary>
public static class QuartzCron
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Weekdays = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Field[] Fields =
    [
        new("seconds", 0, 59, null, "0-59"),
        new("minutes", 0, 59, null, "0-59"),
        new("hours", 0, 23, null, "0-23"),
        new("day-of-month", 1, 31, null, "1-31, ?, L, L-n, LW or nW"),
        new("month", 1, 12, Months, "1-12 or JAN-DEC"),
        new("day-of-week", 1, 7, Weekdays, "1-7 or SUN-SAT, ?, L, nL or n#k"),
        new("year", 1970, 2099, null, "1970-2099"),
    ];

    /// <summary>Null when <paramref name="expression"/> is a valid Quartz cron expression; otherwise what is wrong and in which field.</summary>
    public static string? Check(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return "The cron expression is empty.";
        }

        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 6 or > 7)
        {
            return $"A Quartz cron expression has 6 or 7 fields (sec min hour day-of-month month day-of-week [year]); '{expression}' has {parts.Length}.";
        }

        for (var i = 0; i < parts.Length; i++)
        {
            if (CheckField(i, parts[i].ToUpperInvariant()) is { } error)
            {
                return $"Field {i + 1} ({Fields[i].Name}) '{parts[i]}': {error}";
            }
        }

        var domAny = parts[3] == "?";
        var dowAny = parts[5] == "?";
        if (domAny == dowAny)
        {
            return domAny
                ? "Field 4 (day-of-month) and field 6 (day-of-week) are both '?': exactly one of them must be '?'."
                : $"Field 4 (day-of-month) '{parts[3]}' and field 6 (day-of-week) '{parts[5]}': Quartz needs '?' in exactly one of them (e.g. '0 0 9 ? * MON-FRI' or '0 0 9 1 * ?').";
        }

        return null;
    }

    public static bool IsValid(string? expression) => Check(expression) is null;

    private static string? CheckField(int index, string text)
    {
        var f = Fields[index];
        if (text == "?")
        {
            return index is 3 or 5 ? null : "'?' is only allowed in day-of-month and day-of-week.";
        }

        if (index == 3 && DayOfMonthSpecial(text) is { } dom)
        {
            return dom.Length == 0 ? null : dom;
        }

        if (index == 5 && DayOfWeekSpecial(text) is { } dow)
        {
            return dow.Length == 0 ? null : dow;
        }

        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                return "an empty list item (check the commas).";
            }

            if (CheckItem(f, item) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static string? CheckItem(Field f, string item)
    {
        if (item.Contains('?', StringComparison.Ordinal) || item.Contains('#', StringComparison.Ordinal)
            || (f.Names is null && (item.Contains('L', StringComparison.Ordinal) || item.Contains('W', StringComparison.Ordinal))))
        {
            return $"'{item}' may not be combined with other values; '?', 'L', 'W' and '#' stand alone in their field.";
        }

        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        if (slash >= 0)
        {
            var step = item[(slash + 1)..];
            if (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > f.Max - f.Min + 1)
            {
                return $"the step '/{step}' must be a number from 1 to {f.Max - f.Min + 1}.";
            }
        }

        if (range == "*")
        {
            return null;
        }

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return Value(f, range, out _);
        }

        return Value(f, range[..dash], out _) ?? Value(f, range[(dash + 1)..], out _);
    }

    private static string? Value(Field f, string token, out int value)
    {
        value = 0;
        if (f.Names is not null && Array.IndexOf(f.Names, token) is var named and >= 0)
        {
            value = named + 1;
            return null;
        }

        if (token.Length > 0 && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= f.Min && value <= f.Max)
        {
            return null;
        }

        return $"'{token}' is not a valid {f.Name} value ({f.Allowed}).";
    }

    /// <summary>L, L-n, LW, nW: "" when valid, a message when malformed, null when not special syntax.</summary>
    private static string? DayOfMonthSpecial(string text)
    {
        if (text is "L" or "LW")
        {
            return "";
        }

        if (text.StartsWith("L-", StringComparison.Ordinal))
        {
            return int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 30
                ? "" : $"'{text}': the offset after 'L-' must be 1-30.";
        }

        if (text.Length > 1 && text.EndsWith('W') && !text.Contains(',', StringComparison.Ordinal))
        {
            return int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 31
                ? "" : $"'{text}': 'W' (nearest weekday) needs one day 1-31 before it, e.g. 15W.";
        }

        return null;
    }

    /// <summary>L, nL, n#k: "" when valid, a message when malformed, null when not special syntax.</summary>
    private static string? DayOfWeekSpecial(string text)
    {
        var f = Fields[5];
        if (text == "L")
        {
            return "";
        }

        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (Value(f, text[..hash], out _) is { } e)
            {
                return e;
            }

            return int.TryParse(text[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k is >= 1 and <= 5
                ? "" : $"'{text}': the week number after '#' must be 1-5.";
        }

        if (text.Length > 1 && text.EndsWith('L') && !text.Contains(',', StringComparison.Ordinal) && !text.Contains('-', StringComparison.Ordinal))
        {
            return Value(f, text[..^1], out _) is { } e ? e : "";
        }

        return null;
    }

    private sealed record Field(string Name, int Min, int Max, string[]? Names, string Allowed);
}
