using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FlowGov.CrashDriver;

/// <summary>
/// Where a restart's time goes (process start → Main, then each start-up step), printed to stderr
/// when FLOWGOV_CRASH_TIMING=1: the crash test restarts the driver hundreds of times, so start-up is its cost.
/// </summary>
public sealed class StartupPhases
{
    private readonly bool _enabled = Environment.GetEnvironmentVariable("FLOWGOV_CRASH_TIMING") == "1";
    private readonly StringBuilder _line = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last;

    public StartupPhases()
    {
        if (_enabled)
        {
            using var self = Process.GetCurrentProcess();
#pragma warning disable RS0030 // wall time since the OS started this process (runtime start-up), only when timing is asked for
            var sinceStart = DateTime.Now - self.StartTime;
#pragma warning restore RS0030
            _line.Append(CultureInfo.InvariantCulture, $"timing process→main {sinceStart.TotalMilliseconds:0}");
        }
    }

    public void Mark(string phase)
    {
        if (!_enabled)
        {
            return;
        }

        var now = _watch.Elapsed;
        _line.Append(CultureInfo.InvariantCulture, $" {phase} {(now - _last).TotalMilliseconds:0}");
        _last = now;
    }

    public void Report()
    {
        if (_enabled)
        {
            Console.Error.WriteLine(_line.ToString());
        }
    }
}
