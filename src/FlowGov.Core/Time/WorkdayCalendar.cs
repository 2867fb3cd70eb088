namespace FlowGov.Core.Time;

/// <summary>
/// A district's working-day calendar: the weekend, public holidays, and adjusted working days
/// (调休: a weekend day that is worked to bridge a holiday). Immutable; administrators edit a copy.
/// </summary>
public sealed class WorkdayCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _adjustedWorkdays;

    public WorkdayCalendar(
        TimeZoneInfo timeZone,
        IEnumerable<DateOnly>? holidays = null,
        IEnumerable<DateOnly>? adjustedWorkdays = null,
        IEnumerable<DayOfWeek>? weekend = null)
    {
        TimeZone = timeZone;
        _holidays = [.. holidays ?? []];
        _adjustedWorkdays = [.. adjustedWorkdays ?? []];
        _weekend = [.. weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday]];
    }

    public static TimeZoneInfo ChinaStandardTime { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Monday to Friday in Asia/Shanghai, no holidays: what a district has before its calendar is edited.</summary>
    public static WorkdayCalendar Default { get; } = new(ChinaStandardTime);

    public TimeZoneInfo TimeZone { get; }

    public IReadOnlyCollection<DateOnly> Holidays => _holidays;

    public IReadOnlyCollection<DateOnly> AdjustedWorkdays => _adjustedWorkdays;

    public IReadOnlyCollection<DayOfWeek> Weekend => _weekend;

    public bool IsWorkday(DateOnly day) =>
        _adjustedWorkdays.Contains(day) || (!_holidays.Contains(day) && !_weekend.Contains(day.DayOfWeek));

    /// <summary>
    /// The instant <paramref name="workdays"/> working days after <paramref name="from"/>, at the same
    /// local time of day. Starting on a non-working day counts from the next working day's start, so
    /// "3 working days" reported on Saturday ends at Thursday 00:00 (the end of Wednesday).
    /// Negative counts go backwards (used for "one working day before the deadline").
    /// </summary>
    public DateTimeOffset AddWorkdays(DateTimeOffset from, int workdays)
    {
        var local = TimeZoneInfo.ConvertTime(from, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay;
        if (!IsWorkday(day) && workdays > 0)
        {
            // The clock starts at the beginning of the next working day.
            while (!IsWorkday(day))
            {
                day = day.AddDays(1);
            }

            timeOfDay = TimeSpan.Zero;
        }

        var step = workdays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workdays);
        while (remaining > 0)
        {
            day = day.AddDays(step);
            if (IsWorkday(day))
            {
                remaining--;
            }
        }

        return ToInstant(day, timeOfDay);
    }

    /// <summary>Working days from <paramref name="from"/>'s day (exclusive) to <paramref name="to"/>'s day (inclusive); negative when <paramref name="to"/> is earlier.</summary>
    public int WorkdaysBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var a = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, TimeZone).DateTime);
        var b = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, TimeZone).DateTime);
        if (a == b)
        {
            return 0;
        }

        var sign = b > a ? 1 : -1;
        var (lo, hi) = sign > 0 ? (a, b) : (b, a);
        var count = 0;
        for (var d = lo.AddDays(1); d <= hi; d = d.AddDays(1))
        {
            if (IsWorkday(d))
            {
                count++;
            }
        }

        return sign * count;
    }

    private DateTimeOffset ToInstant(DateOnly day, TimeSpan timeOfDay)
    {
        var local = day.ToDateTime(TimeOnly.FromTimeSpan(timeOfDay));
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
