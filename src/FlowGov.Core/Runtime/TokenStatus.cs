namespace FlowGov.Core.Runtime;

public enum TokenStatus
{
    /// <summary>About to execute its activity.</summary>
    Ready,
    /// <summary>Parked at its activity until one of its bookmarks is resumed.</summary>
    Waiting,
    /// <summary>Its activity faulted; retrying the incident makes it ready again.</summary>
    Faulted,
}
