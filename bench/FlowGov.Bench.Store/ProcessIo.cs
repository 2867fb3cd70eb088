using System.Globalization;

namespace FlowGov.Bench.Store;

/// <summary>
/// This process's file I/O from <c>/proc/self/io</c> (Linux): write and read calls, bytes written
/// through them, and bytes the kernel sent to the disk. Counted per transition, it shows what a
/// change saves on the disk without the disk's speed drift in the figure.
/// </summary>
internal readonly record struct ProcessIo(double WriteCalls, double ReadCalls, double BytesWritten, double DiskBytesWritten)
{
    public static ProcessIo Read()
    {
        if (!File.Exists("/proc/self/io"))
        {
            return default;
        }

        var fields = File.ReadLines("/proc/self/io")
            .Select(line => line.Split(':', 2))
            .ToDictionary(kv => kv[0], kv => double.Parse(kv[1], CultureInfo.InvariantCulture));
        return new ProcessIo(fields["syscw"], fields["syscr"], fields["wchar"], fields["write_bytes"]);
    }

    public ProcessIo Minus(ProcessIo other) =>
        new(WriteCalls - other.WriteCalls, ReadCalls - other.ReadCalls, BytesWritten - other.BytesWritten, DiskBytesWritten - other.DiskBytesWritten);

    public ProcessIo Per(int count) =>
        new(WriteCalls / count, ReadCalls / count, BytesWritten / count, DiskBytesWritten / count);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{WriteCalls:0.0} writes, {ReadCalls:0.0} reads, {BytesWritten / 1024:0.0} KB written ({DiskBytesWritten / 1024:0.0} KB to disk) per transition");
}
