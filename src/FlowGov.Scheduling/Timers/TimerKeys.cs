using Quartz;

namespace FlowGov.Scheduling.Timers;

/// <summary>
/// Quartz keys of FlowGov's timers. One durable job resumes bookmarks; each timer is a trigger whose
/// name IS the bookmark id, so scheduling a bookmark twice replaces the same row and
/// reconciliation can compare bookmark ids with trigger names directly.
/// </summary>
public static class TimerKeys
{
    public const string Group = "flowgov-timers";

    public static JobKey Job { get; } = new("resume-bookmark", Group);

    public static TriggerKey For(string bookmarkId) => new(bookmarkId, Group);
}
