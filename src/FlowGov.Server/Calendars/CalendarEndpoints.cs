using FlowGov.Data.Calendars;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGov.Server.Calendars;

/// <summary>The district's working-day calendar by year; deadlines in working days (3WD) count with it.</summary>
public static class CalendarEndpoints
{
    public static RouteGroupBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendars").WithTags("Calendars");
        group.MapGet("/{year:int}", GetAsync);
        group.MapPut("/{year:int}", PutAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    private static async Task<Results<Ok<CalendarYear>, ProblemHttpResult>> GetAsync(int year, CalendarService calendars, CurrentUser me, CancellationToken cancellationToken)
    {
        if (!ValidYear(year))
        {
            return Problems.BadRequest("year must be between 2000 and 2100.", "year");
        }

        return TypedResults.Ok(Year(await calendars.GetAsync(me.District, cancellationToken), year));
    }

    private static async Task<Results<Ok<CalendarYear>, ProblemHttpResult>> PutAsync(int year, CalendarYear body, CalendarService calendars, Data.FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ValidYear(year))
        {
            return Problems.BadRequest("year must be between 2000 and 2100.", "year");
        }

        if (body.Year != year)
        {
            return Problems.BadRequest($"year in the body ({body.Year}) differs from the URL ({year}).", "year");
        }

        var holidays = body.Holidays ?? [];
        var workdays = body.Workdays ?? [];
        var weekend = body.Weekend ?? [];
        var outside = holidays.Concat(workdays).Where(d => d.Year != year).ToList();
        if (outside.Count > 0)
        {
            return Problems.BadRequest($"{outside[0]:yyyy-MM-dd} is not in {year}.", holidays.Contains(outside[0]) ? "holidays" : "workdays");
        }

        var both = holidays.Intersect(workdays).ToList();
        if (both.Count > 0)
        {
            return Problems.BadRequest($"{both[0]:yyyy-MM-dd} is both a holiday and a workday.", "workdays");
        }

        if (weekend.Any(d => d is < 0 or > 6) || weekend.Distinct().Count() != weekend.Count)
        {
            return Problems.BadRequest("weekend holds distinct weekday numbers 0 (Sunday) to 6 (Saturday).", "weekend");
        }

        if (string.IsNullOrWhiteSpace(body.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(body.TimeZone, out _))
        {
            return Problems.BadRequest($"timeZone '{body.TimeZone}' is not a known time zone (e.g. Asia/Shanghai).", "timeZone");
        }

        // Set the weekend first: the first edit of a district copies the city calendar, which the days below then override.
        await calendars.SetWeekendAsync(me.District, [.. weekend.Select(d => (DayOfWeek)d)], body.TimeZone, cancellationToken);
        var current = await calendars.GetAsync(me.District, cancellationToken);
        var wanted = holidays.Select(d => (Day: d, Kind: CalendarDayKind.Holiday)).Concat(workdays.Select(d => (Day: d, Kind: CalendarDayKind.Workday))).ToDictionary(x => x.Day, x => x.Kind);
        foreach (var day in current.Days.Where(d => d.Day.Year == year && (!wanted.TryGetValue(d.Day, out var kind) || kind != d.Kind)))
        {
            await calendars.RemoveDayAsync(me.District, day.Day, cancellationToken);
        }

        var existing = current.Days.Where(d => d.Day.Year == year).Select(d => (d.Day, d.Kind)).ToHashSet();
        foreach (var (day, kind) in wanted.Where(w => !existing.Contains((w.Key, w.Value))))
        {
            await calendars.SetDayAsync(me.District, day, kind, null, cancellationToken);
        }

        AuditTrail.Add(db, me, "calendar.update", year.ToString(System.Globalization.CultureInfo.InvariantCulture), clock.GetUtcNow(), $"{holidays.Count} holidays, {workdays.Count} workdays");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Year(await calendars.GetAsync(me.District, cancellationToken), year));
    }

    private static bool ValidYear(int year) => year is >= 2000 and <= 2100;

    private static CalendarYear Year(CalendarInfo info, int year)
    {
        var days = info.Days.Where(d => d.Day.Year == year).ToList();
        return new CalendarYear(year, info.TimeZone,
            [.. days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Day)],
            [.. days.Where(d => d.Kind == CalendarDayKind.Workday).Select(d => d.Day)],
            [.. info.Weekend.Select(d => (int)d).Order()]);
    }
}
