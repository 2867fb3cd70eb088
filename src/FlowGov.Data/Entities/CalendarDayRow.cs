namespace FlowGov.Data.Entities;

/// <summary>One special day of a district's calendar: a public holiday, or an adjusted working day (调休).</summary>
public sealed class CalendarDayRow : IDistrictOwned
{
    public required string District { get; set; }

    public DateOnly Day { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>What it is, e.g. 春节 or 春节调休.</summary>
    public string? Name { get; set; }
}
