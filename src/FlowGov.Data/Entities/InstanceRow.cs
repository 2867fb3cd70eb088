namespace FlowGov.Data.Entities;

/// <summary>A workflow instance: its whole state as JSON plus the columns that are queried.</summary>
public sealed class InstanceRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string District { get; set; }

    public required string DefinitionKey { get; set; }

    public int DefinitionVersion { get; set; }

    public required string Status { get; set; }

    public string? BusinessKey { get; set; }

    public string? StartedBy { get; set; }

    public string? OrgUnit { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentBookmarkId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public required string StateJson { get; set; }

    /// <summary>Optimistic-concurrency token: an update succeeds only at the revision it loaded.</summary>
    public long Revision { get; set; }
}
