namespace FlowGov.Core.Runtime;

/// <summary>
/// Everything one advance of an instance changed, to be committed in one transaction: the
/// instance itself plus the rows the store keeps beside it (bookmark index, task table, journal,
/// outbox) and requests for the host (timers to schedule, children to start).
/// </summary>
public sealed class RunResult
{
    public RunResult(WorkflowInstance instance) => Instance = instance;

    public WorkflowInstance Instance { get; }

    public List<Bookmark> BookmarksCreated { get; } = [];

    /// <summary>Consumed or cancelled bookmarks (timers among them must be unscheduled).</summary>
    public List<Bookmark> BookmarksRemoved { get; } = [];

    /// <summary>Open bookmarks moved to another activity (a migration re-keys them): same id, same due time, so timers keep their schedule.</summary>
    public List<Bookmark> BookmarksMoved { get; } = [];

    public List<HumanTask> TasksCreated { get; } = [];

    /// <summary>Tasks whose row changed: completed, cancelled, reassigned, warned, overdue.</summary>
    public List<HumanTask> TasksUpdated { get; } = [];

    public List<JournalEntry> Journal { get; } = [];

    public List<Notification> Notifications { get; } = [];

    public List<ChildStartRequest> ChildStarts { get; } = [];

    /// <summary>Child instances to cancel because their parent's token left the SubProcess.</summary>
    public List<string> ChildrenToCancel { get; } = [];

    public List<Incident> IncidentsRaised { get; } = [];

    /// <summary>The audit entry of the person whose request caused this advance, committed with it.</summary>
    public AuditNote? Audit { get; set; }

    /// <summary>True when the instance reached Completed, Cancelled or Faulted in this run.</summary>
    public bool StatusChanged { get; internal set; }
}
