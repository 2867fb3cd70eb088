using System.Diagnostics;
using Microsoft.Win32.SafeHandles;

namespace FlowGov.Bench.Store;

/// <summary>
/// What the disk charges for a durable commit of N WAL frames: N sequential 4 KiB writes and one
/// fsync, as SQLite's WAL commit does. Prints the median and p90 per frame count, so the ratio
/// targets can be set against what the bytes of one transition cost on this machine.
/// </summary>
internal static class FsyncProbe
{
    public static void Run(string dir, Action<string> log)
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "fsync-probe.bin");
        const int Span = 64 * 1024 * 1024;
        var page = new byte[4096 + 24];
        Array.Fill(page, (byte)'x');
        using (SafeFileHandle handle = File.OpenHandle(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.None, Span))
        {
            RandomAccess.FlushToDisk(handle);
            long offset = 0;
            foreach (var frames in new[] { 1, 6, 12, 24, 48, 96, 192 })
            {
                var times = new double[200];
                for (var i = 0; i < times.Length; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    for (var f = 0; f < frames; f++)
                    {
                        RandomAccess.Write(handle, page, offset);
                        offset = (offset + page.Length) % (Span - page.Length);
                    }

                    RandomAccess.FlushToDisk(handle);
                    times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }

                Array.Sort(times);
                log(FormattableString.Invariant($"{frames,4} frames + fsync: median {times[times.Length / 2]:0.000} ms, p90 {times[(int)(times.Length * 0.9)]:0.000} ms"));
            }
        }

        File.Delete(file);
    }
}
