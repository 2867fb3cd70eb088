namespace FlowGov.Core.Persistence;

/// <summary>Another writer committed the instance first; reload and try again.</summary>
public sealed class ConcurrencyConflictException(string instanceId, long expectedRevision)
    : Exception($"Instance {instanceId} changed since revision {expectedRevision}.")
{
    public string InstanceId { get; } = instanceId;
}
