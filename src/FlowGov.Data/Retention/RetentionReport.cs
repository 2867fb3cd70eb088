namespace FlowGov.Data.Retention;

/// <summary>What one application of the policies did, per district.</summary>
public sealed record RetentionReport(IReadOnlyList<RetentionDistrictReport> Districts)
{
    public int Deleted => Districts.Sum(d => d.Deleted);

    public int Archived => Districts.Sum(d => d.Archived);
}

public sealed record RetentionDistrictReport(string District, RetentionAction Action, DateTimeOffset FinishedBefore, int Batches, int Deleted, int Archived, string? ArchiveFile);
