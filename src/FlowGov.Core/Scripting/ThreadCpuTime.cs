using System.Runtime.InteropServices;

namespace FlowGov.Core.Scripting;

/// <summary>
/// CPU time consumed by the calling thread, on Linux (clock_gettime with CLOCK_THREAD_CPUTIME_ID);
/// null where that clock is not available. A script's time limit is about the work it does, and a
/// loaded server deschedules threads for longer than a whole limit (see <see cref="RunGuard"/>).
/// </summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            return null;
        }

        return NativeMethods.clock_gettime(ClockThreadCpuTimeId, out var spec) == 0
            ? TimeSpan.FromTicks((spec.Seconds * TimeSpan.TicksPerSecond) + (spec.Nanoseconds / 100))
            : null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clockId, out TimeSpec time);
    }
}
