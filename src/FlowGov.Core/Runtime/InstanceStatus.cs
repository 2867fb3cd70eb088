namespace FlowGov.Core.Runtime;

public enum InstanceStatus
{
    /// <summary>Has tokens that wait on bookmarks (or, during a run, are ready).</summary>
    Running,
    Completed,
    /// <summary>An activity faulted; an incident says why. Retry resumes from the faulted activity.</summary>
    Faulted,
    Cancelled,
}
