namespace FlowGov.Data.Versioning;

/// <summary>
/// The draft changed since the caller read it: reload (at <see cref="CurrentRevision"/>), merge and save again.
/// <see cref="LastChange"/> says who moved it on and when (null when the draft is gone).
/// </summary>
public sealed class StaleRevisionException(string key, long expectedRevision, long currentRevision, DraftEditor? lastChange = null)
    : Exception($"Draft '{key}' is at revision {currentRevision}, not {expectedRevision}: "
        + (lastChange is null ? "someone else saved it meanwhile." : $"{lastChange.DisplayName ?? lastChange.UserId ?? "someone else"} changed it at {lastChange.At:O}."))
{
    public string Key { get; } = key;

    public long ExpectedRevision { get; } = expectedRevision;

    public long CurrentRevision { get; } = currentRevision;

    public DraftEditor? LastChange { get; } = lastChange;
}
