namespace FlowGov.Data.Versioning;

/// <summary>The draft changed since the caller read it: reload (at <see cref="CurrentRevision"/>), merge and save again.</summary>
public sealed class StaleRevisionException(string key, long expectedRevision, long currentRevision)
    : Exception($"Draft '{key}' is at revision {currentRevision}, not {expectedRevision}: someone else saved it meanwhile.")
{
    public string Key { get; } = key;

    public long ExpectedRevision { get; } = expectedRevision;

    public long CurrentRevision { get; } = currentRevision;
}
