using FlowGov.Server.Hosting;

namespace FlowGov.Server.Reports;

/// <summary>A report period [from, to) read as whole days in the configured time zone; the last 30 days by default.</summary>
public static class ReportPeriod
{
    public static (DateTimeOffset From, DateTimeOffset To) Resolve(DateOnly? from, DateOnly? to, ServerOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var zone = Zone(options);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var end = to ?? today;
        var start = from ?? end.AddDays(-30);
        if (start > end)
        {
            throw new ApiProblemException(400, "Bad request", "from must not be after to.", new Dictionary<string, object?> { ["field"] = "from" });
        }

        return (At(start, zone), At(end.AddDays(1), zone));
    }

    public static TimeZoneInfo Zone(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }

    private static DateTimeOffset At(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
