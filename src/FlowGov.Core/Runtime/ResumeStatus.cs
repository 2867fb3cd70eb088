namespace FlowGov.Core.Runtime;

public enum ResumeStatus
{
    /// <summary>The bookmark was consumed and the instance advanced.</summary>
    Resumed,
    /// <summary>The bookmark was consumed earlier (or its path moved on): nothing happened.</summary>
    AlreadyDone,
    /// <summary>No such bookmark, task or instance.</summary>
    NotFound,
    /// <summary>The payload was refused (unknown outcome, duplicate vote, instance not running); nothing changed.</summary>
    Rejected,
}
