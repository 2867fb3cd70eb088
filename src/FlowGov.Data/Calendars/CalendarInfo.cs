using FlowGov.Data.Entities;

namespace FlowGov.Data.Calendars;

/// <summary>A district's calendar as administrators edit it. <see cref="Inherited"/> when the district has none and the city default shows.</summary>
public sealed record CalendarInfo(string District, string TimeZone, IReadOnlyList<DayOfWeek> Weekend, IReadOnlyList<CalendarDay> Days, bool Inherited);
