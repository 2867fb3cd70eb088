namespace FlowGov.Core.Time;

/// <summary>One calendar for every district, or a calendar per district with a fallback.</summary>
public sealed class FixedCalendarProvider(WorkdayCalendar fallback, IReadOnlyDictionary<string, WorkdayCalendar>? byDistrict = null) : ICalendarProvider
{
    public WorkdayCalendar For(string? district) =>
        district is not null && byDistrict is not null && byDistrict.TryGetValue(district, out var c) ? c : fallback;
}
