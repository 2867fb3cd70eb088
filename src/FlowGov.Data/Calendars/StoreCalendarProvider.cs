using System.Collections.Concurrent;
using System.Globalization;
using FlowGov.Core.Time;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Calendars;

/// <summary>
/// Working-day calendars from the database, cached per district: a district without its own calendar
/// uses the city default (district ""), and without that <see cref="WorkdayCalendar.Default"/>.
/// <see cref="CalendarService"/> invalidates a district on every edit in this process; entries also
/// expire after <see cref="TimeToLive"/> so an edit made by another node of a cluster is seen too.
/// </summary>
public sealed class StoreCalendarProvider(FlowGovDatabase database, TimeProvider clock, TimeSpan? timeToLive = null) : ICalendarProvider
{
    private readonly ConcurrentDictionary<string, (WorkdayCalendar Calendar, DateTimeOffset LoadedAt)> _cache = new(StringComparer.Ordinal);

    public TimeSpan TimeToLive { get; } = timeToLive ?? TimeSpan.FromMinutes(5);

    public WorkdayCalendar For(string? district)
    {
        var key = district ?? "";
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && now - hit.LoadedAt < TimeToLive)
        {
            return hit.Calendar;
        }

        var calendar = Load(key);
        _cache[key] = (calendar, now);
        return calendar;
    }

    /// <summary>Forgets a district's calendar (every district's when it is the city default "").</summary>
    public void Invalidate(string? district)
    {
        if (string.IsNullOrEmpty(district))
        {
            _cache.Clear();
        }
        else
        {
            _cache.TryRemove(district, out _);
        }
    }

    /// <summary>Parses the stored weekend (<c>6,0</c>).</summary>
    public static IReadOnlyList<DayOfWeek> ParseWeekend(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(d => (DayOfWeek)int.Parse(d, CultureInfo.InvariantCulture))];

    private WorkdayCalendar Load(string district)
    {
        // ICalendarProvider is synchronous (the runner is); a miss costs two small indexed queries.
        using var db = database.CreateContext(DistrictScope.AllDistricts);
        var header = db.Calendars.AsNoTracking().FirstOrDefault(c => c.District == district)
            ?? (district.Length > 0 ? db.Calendars.AsNoTracking().FirstOrDefault(c => c.District == "") : null);
        if (header is null)
        {
            return WorkdayCalendar.Default;
        }

        var owner = header.District;
        var days = db.CalendarDays.AsNoTracking().Where(d => d.District == owner).ToList();
        return new WorkdayCalendar(
            TimeZoneInfo.FindSystemTimeZoneById(header.TimeZone),
            days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Day),
            days.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Day),
            ParseWeekend(header.Weekend));
    }
}
