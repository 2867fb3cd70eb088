namespace FlowGov.Data.Entities;

public enum CalendarDayKind
{
    /// <summary>A day off although it is not on the weekend.</summary>
    Holiday,
    /// <summary>A weekend day that is worked (调休).</summary>
    Workday,
}
