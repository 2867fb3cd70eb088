namespace FlowGov.Data.Entities;

/// <summary>A district's working-day calendar: its time zone and weekend; its special days are <see cref="CalendarDayRow"/>s. District "" is the city default.</summary>
public sealed class CalendarRow : IDistrictOwned
{
    public required string District { get; set; }

    /// <summary>IANA id, e.g. <c>Asia/Shanghai</c>; also the zone of the district's recurring starts.</summary>
    public required string TimeZone { get; set; }

    /// <summary>Weekend days as <see cref="DayOfWeek"/> numbers, comma-separated (<c>6,0</c> = Saturday, Sunday).</summary>
    public required string Weekend { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
