using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Forms;

/// <summary>Format checks shared by the coercion of several field kinds.</summary>
internal static partial class ValueParsers
{
    private static readonly int[] IdCardWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private const string IdCardCheckDigits = "10X98765432";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    internal static partial Regex Mobile();

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")]
    internal static partial Regex Email();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    internal static partial Regex Sha256Hex();

    /// <summary>Exactly <c>yyyy-MM-dd</c> (so a parsed string is already canonical), a real calendar date.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    /// <summary>ISO 8601 date-time; without an offset it is read in <paramref name="zone"/> (the district's zone).</summary>
    public static bool TryParseDateTime(string s, TimeZoneInfo zone, out DateTimeOffset value)
    {
        if (DateTimeOffset.TryParseExact(s, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            return true;
        }

        if (DateTime.TryParseExact(s, DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        return false;
    }

    public static string FormatDateTime(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Checks an 18-digit resident identity number (GB 11643-1999): 17 digits, the birth date in
    /// positions 7–14, and the ISO 7064 MOD 11-2 check digit. Returns the message key of the problem, or null.
    /// </summary>
    public static string? CheckIdCard(string id, DateOnly today)
    {
        if (id.Length != 18)
        {
            return "idcard.format";
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = id[i];
            if (c is < '0' or > '9')
            {
                return "idcard.format";
            }

            sum += (c - '0') * IdCardWeights[i];
        }

        var last = id[17];
        if (last is not ((>= '0' and <= '9') or 'X'))
        {
            return "idcard.format";
        }

        if (id[0] == '0')
        {
            return "idcard.format";
        }

        if (!DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return "idcard.birthdate";
        }

        return IdCardCheckDigits[sum % 11] == last ? null : "idcard.checksum";
    }
}
