using System.Globalization;
using FlowGov.Core.Time;

namespace FlowGov.CrashDriver;

/// <summary>A <see cref="ManualClock"/> whose position survives restarts: written (atomically, by rename) before it moves.</summary>
public sealed class PersistedClock
{
    private readonly string _path;
    private readonly Lock _gate = new();

    public PersistedClock(string path)
    {
        _path = path;
        var start = File.Exists(path)
            ? new DateTimeOffset(long.Parse(File.ReadAllText(path), CultureInfo.InvariantCulture), TimeSpan.Zero)
            : CrashWorkflow.Epoch;
        Clock = new ManualClock(start);
    }

    public ManualClock Clock { get; }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            var next = Clock.GetUtcNow() + by;
            var tmp = _path + ".tmp";
            File.WriteAllText(tmp, next.UtcTicks.ToString(CultureInfo.InvariantCulture));
            File.Move(tmp, _path, overwrite: true);
            Clock.SetUtcNow(next);
        }
    }
}
