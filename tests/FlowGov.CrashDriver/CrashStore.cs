using FlowGov.Data;

namespace FlowGov.CrashDriver;

/// <summary>The store a crash run uses: SQLite in the run's directory (FULL or NORMAL), or PostgreSQL by connection string; group commit on for both, so kills also land inside batches.</summary>
public static class CrashStore
{
    public static FlowGovDataOptions Options(string directory, string store) => store switch
    {
        "full" => new FlowGovDataOptions { DataDirectory = directory, Synchronous = SqliteSynchronous.Full, GroupCommit = true },
        "normal" => new FlowGovDataOptions { DataDirectory = directory, Synchronous = SqliteSynchronous.Normal, GroupCommit = true },
        _ => new FlowGovDataOptions { DataDirectory = directory, ConnectionString = store, GroupCommit = true },
    };
}
