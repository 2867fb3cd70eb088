namespace FlowGov.Core.Activities;

public enum ActivityResultKind
{
    /// <summary>Leave the activity by one or more ports.</summary>
    Outcome,
    /// <summary>Stay: the token waits on the bookmarks the activity created.</summary>
    Wait,
    /// <summary>Stay waiting, and start a new token on a port (non-interrupting deadline ports).</summary>
    Emit,
    /// <summary>The path ends here.</summary>
    End,
    /// <summary>The token is consumed without a trace of a step (a join absorbing an early arrival).</summary>
    Absorb,
    /// <summary>The activity failed: the instance faults with an incident.</summary>
    Fault,
    /// <summary>A resume payload was refused; nothing changed.</summary>
    Reject,
}
