using FlowGov.Core.Time;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Calendars;

/// <summary>
/// Reads and edits district calendars (administrators). A district's first edit copies the city
/// default, so it starts from the city's holidays. Every edit invalidates <paramref name="provider"/>.
/// </summary>
public sealed class CalendarService(FlowGovDatabase database, DistrictScope scope, TimeProvider clock, StoreCalendarProvider? provider = null)
{
    public async Task<CalendarInfo> GetAsync(string district, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var header = await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.District == district, cancellationToken);
        var inherited = header is null;
        header ??= await db.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.District == "", cancellationToken);
        if (header is null)
        {
            var d = WorkdayCalendar.Default;
            return new CalendarInfo(district, d.TimeZone.Id, [.. d.Weekend], [], true);
        }

        var owner = header.District;
        var days = await db.CalendarDays.AsNoTracking().Where(x => x.District == owner).OrderBy(x => x.Day).ToListAsync(cancellationToken);
        return new CalendarInfo(district, header.TimeZone, StoreCalendarProvider.ParseWeekend(header.Weekend), [.. days.Select(x => new CalendarDay(x.Day, x.Kind, x.Name))], inherited);
    }

    /// <summary>Marks a day as a holiday or an adjusted working day (replacing what it was).</summary>
    public Task SetDayAsync(string district, DateOnly day, CalendarDayKind kind, string? name, CancellationToken cancellationToken = default) =>
        EditAsync(district, async db =>
        {
            var row = await db.CalendarDays.FirstOrDefaultAsync(x => x.District == district && x.Day == day, cancellationToken);
            if (row is null)
            {
                db.CalendarDays.Add(new CalendarDayRow { District = district, Day = day, Kind = kind, Name = name });
            }
            else
            {
                row.Kind = kind;
                row.Name = name;
            }
        }, cancellationToken);

    /// <summary>Makes a day ordinary again (a workday unless it is on the weekend).</summary>
    public Task RemoveDayAsync(string district, DateOnly day, CancellationToken cancellationToken = default) =>
        EditAsync(district, async db => await db.CalendarDays.Where(x => x.District == district && x.Day == day).ExecuteDeleteAsync(cancellationToken), cancellationToken);

    public Task SetWeekendAsync(string district, IReadOnlyCollection<DayOfWeek> weekend, string? timeZone = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(weekend);
        if (timeZone is not null)
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(timeZone); // throws for an unknown zone before anything is written
        }

        return EditAsync(district, async db =>
        {
            var header = await db.Calendars.FirstAsync(c => c.District == district, cancellationToken);
            header.Weekend = string.Join(',', weekend.Select(d => (int)d));
            header.TimeZone = timeZone ?? header.TimeZone;
        }, cancellationToken);
    }

    private async Task EditAsync(string district, Func<FlowGovDbContext, Task> edit, CancellationToken cancellationToken)
    {
        if (!scope.Allows(district))
        {
            throw new DistrictScopeViolationException($"The calendar of district '{district}' cannot be changed in the scope of {scope}.");
        }

        await using var db = database.CreateContext(scope);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var header = await db.Calendars.FirstOrDefaultAsync(c => c.District == district, cancellationToken);
        var now = clock.GetUtcNow();
        if (header is null)
        {
            // First edit of a district: start from a copy of the city default.
            await using var city = database.CreateContext(DistrictScope.AllDistricts);
            var template = await city.Calendars.AsNoTracking().FirstOrDefaultAsync(c => c.District == "", cancellationToken);
            db.Calendars.Add(new CalendarRow
            {
                District = district,
                TimeZone = template?.TimeZone ?? WorkdayCalendar.ChinaStandardTime.Id,
                Weekend = template?.Weekend ?? "6,0",
                UpdatedAt = now,
            });
            if (district.Length > 0)
            {
                foreach (var d in await city.CalendarDays.AsNoTracking().Where(x => x.District == "").ToListAsync(cancellationToken))
                {
                    db.CalendarDays.Add(new CalendarDayRow { District = district, Day = d.Day, Kind = d.Kind, Name = d.Name });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            header.UpdatedAt = now;
        }

        await edit(db);
        await db.SaveChangesAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        provider?.Invalidate(district);
    }
}
