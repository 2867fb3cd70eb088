using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Time;

/// <summary>
/// A duration as designers write it: ISO 8601 (<c>P3D</c>, <c>PT72H</c>, <c>P1M</c>, <c>P1Y2M3DT4H5M6S</c>, <c>P2W</c>)
/// or working days (<c>3WD</c>, counted with the district's <see cref="WorkdayCalendar"/>).
/// </summary>
public readonly partial record struct ProcessDuration(int Years, int Months, int Days, TimeSpan Time, int Workdays)
{
    public bool IsWorkdays => Workdays != 0;

    public static bool TryParse(string? text, out ProcessDuration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var wd = WorkdayPattern().Match(s);
        if (wd.Success)
        {
            duration = new ProcessDuration(0, 0, 0, TimeSpan.Zero, int.Parse(wd.Groups[1].Value, CultureInfo.InvariantCulture));
            return duration.Workdays > 0;
        }

        var m = IsoPattern().Match(s);
        if (!m.Success || s == "P" || s.EndsWith('T'))
        {
            return false;
        }

        int Int(string g) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        double Dbl(string g) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
        var time = TimeSpan.FromHours(Int("h")) + TimeSpan.FromMinutes(Int("mi")) + TimeSpan.FromSeconds(Dbl("s"));
        duration = new ProcessDuration(Int("y"), Int("mo"), Int("d") + (7 * Int("w")), time, 0);
        return duration != default;
    }

    public static ProcessDuration Parse(string text) =>
        TryParse(text, out var d) ? d : throw new FormatException($"'{text}' is not a duration: write ISO 8601 such as P3D or PT72H, or working days such as 3WD.");

    /// <summary>The instant this long after <paramref name="from"/>; calendar parts are added in the calendar's time zone.</summary>
    public DateTimeOffset AddTo(DateTimeOffset from, WorkdayCalendar calendar)
    {
        if (IsWorkdays)
        {
            return calendar.AddWorkdays(from, Workdays);
        }

        var local = TimeZoneInfo.ConvertTime(from, calendar.TimeZone);
        var shifted = local.AddYears(Years).AddMonths(Months).AddDays(Days);
        return shifted.Add(Time).ToUniversalTime();
    }

    public override string ToString()
    {
        if (IsWorkdays)
        {
            return $"{Workdays}WD";
        }

        var date = $"{(Years != 0 ? $"{Years}Y" : "")}{(Months != 0 ? $"{Months}M" : "")}{(Days != 0 ? $"{Days}D" : "")}";
        var time = Time == TimeSpan.Zero ? "" : $"T{(Time.Hours + (Time.Days * 24) != 0 ? $"{Time.Hours + (Time.Days * 24)}H" : "")}{(Time.Minutes != 0 ? $"{Time.Minutes}M" : "")}{(Time.Seconds != 0 ? $"{Time.Seconds}S" : "")}";
        return "P" + date + time;
    }

    [GeneratedRegex(@"^(\d{1,4})\s*WD$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WorkdayPattern();

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();
}
