namespace FlowGov.Scheduling.Host;

/// <summary>The system clock shifted by a fixed offset: lets the seeding engine create timers whose due time (real time) passes while it is still seeding.</summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
