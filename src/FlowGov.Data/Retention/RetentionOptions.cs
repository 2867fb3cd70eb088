namespace FlowGov.Data.Retention;

/// <summary>The retention policies and how often and in what batch size they are applied.</summary>
public sealed record RetentionOptions
{
    public IReadOnlyList<RetentionPolicy> Policies { get; init; } = [];

    /// <summary>How often the hosted service applies the policies.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Instances per transaction: keeps each write short, so live traffic is never blocked long.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Where archive files go; null = <c>&lt;data directory&gt;/archive</c>.</summary>
    public string? ArchiveDirectory { get; init; }
}
