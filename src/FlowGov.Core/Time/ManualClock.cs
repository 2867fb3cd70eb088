namespace FlowGov.Core.Time;

/// <summary>
/// A clock that moves only when told: tests and accelerated test runs drive time with it
/// instead of sleeping. Thread-safe.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now;

    public ManualClock(DateTimeOffset start) => _now = start;

    public override TimeZoneInfo LocalTimeZone => WorkdayCalendar.ChinaStandardTime;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_gate)
        {
            _now += by;
        }
    }

    public void SetUtcNow(DateTimeOffset to)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(to, _now);
            _now = to;
        }
    }
}
