namespace FlowGov.Data.Tests.Crash;

/// <summary>The crash test on a SQLite file (synchronous FULL unless FLOWGOV_CRASH_SYNCHRONOUS=normal).</summary>
public sealed class SqliteCrashTests : CrashContract
{
    protected override Task<string> StoreAsync() =>
        Task.FromResult(Environment.GetEnvironmentVariable("FLOWGOV_CRASH_SYNCHRONOUS") == "normal" ? "normal" : "full");
}
