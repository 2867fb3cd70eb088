namespace FlowGov.Core.Runtime;

public enum BookmarkKind
{
    /// <summary>A human task waits for its submission.</summary>
    Task,
    /// <summary>A due time: Delay, WaitUntil, task deadlines, vote closing.</summary>
    Timer,
    /// <summary>An external event by name and correlation key.</summary>
    Signal,
    /// <summary>A sub-process instance waits to complete.</summary>
    Child,
    /// <summary>Accepts one response per voter until the vote closes.</summary>
    Vote,
}
