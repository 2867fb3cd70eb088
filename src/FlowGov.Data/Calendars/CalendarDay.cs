using FlowGov.Data.Entities;

namespace FlowGov.Data.Calendars;

/// <summary>A holiday or an adjusted working day (调休).</summary>
public sealed record CalendarDay(DateOnly Day, CalendarDayKind Kind, string? Name);
