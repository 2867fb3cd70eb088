namespace FlowGov.Server.Calendars;

/// <summary>
/// One year of the district's working-day calendar: public holidays, weekend days worked instead
/// (调休), and the weekday numbers (0 = Sunday … 6 = Saturday) that are the weekend in every year.
/// </summary>
public sealed record CalendarYear(int Year, string TimeZone, IReadOnlyList<DateOnly> Holidays, IReadOnlyList<DateOnly> Workdays, IReadOnlyList<int> Weekend);
