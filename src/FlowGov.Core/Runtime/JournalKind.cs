namespace FlowGov.Core.Runtime;

public enum JournalKind
{
    InstanceStarted,
    ActivityExecuted,
    ActivityWaiting,
    ActivityResumed,
    ActivityFaulted,
    TokenCancelled,
    IncidentRetried,
    InstanceCompleted,
    InstanceCancelled,
    InstanceMigrated,
    TaskSentBack,
}
