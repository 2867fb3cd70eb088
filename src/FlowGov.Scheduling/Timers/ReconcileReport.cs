namespace FlowGov.Scheduling.Timers;

/// <summary>What start-up reconciliation found: open timer bookmarks, triggers there were, triggers created for lost timers, orphan triggers removed.</summary>
public sealed record ReconcileReport(int OpenTimers, int TriggersFound, int Created, int OrphansRemoved);
