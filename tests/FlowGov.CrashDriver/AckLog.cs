namespace FlowGov.CrashDriver;

/// <summary>
/// What the driver saw committed, one line each, flushed to the OS after every commit (a SIGKILL
/// keeps what reached the OS): <c>S businessKey instanceId</c> for starts, <c>R bookmarkId
/// instanceId revision</c> for resumes. The checker proves none of it was lost.
/// </summary>
public sealed class AckLog : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();

    public AckLog(string path)
    {
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
    }

    public void Write(string line)
    {
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    public void Dispose() => _writer.Dispose();
}
