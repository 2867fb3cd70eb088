namespace FlowGov.Core.Time;

/// <summary>Gives the working-day calendar of a district.</summary>
public interface ICalendarProvider
{
    static ICalendarProvider Default { get; } = new FixedCalendarProvider(WorkdayCalendar.Default);

    WorkdayCalendar For(string? district);
}
