namespace FlowGov.CrashDriver;

/// <summary>What <see cref="ConsistencyChecker"/> found.</summary>
public sealed record CheckReport(int Instances, int Completed, int OpenBookmarks, int Acks, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;

    public override string ToString() =>
        $"{Instances} instances ({Completed} completed), {OpenBookmarks} open bookmarks, {Acks} acknowledged commits; "
        + (Ok ? "consistent" : $"{Problems.Count} problems:\n  " + string.Join("\n  ", Problems.Take(20)));
}
