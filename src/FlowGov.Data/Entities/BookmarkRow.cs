namespace FlowGov.Data.Entities;

/// <summary>The index of open bookmarks: what the engine looks up to find the instance to resume.</summary>
public sealed class BookmarkRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string District { get; set; }

    public required string ActivityId { get; set; }

    public required string Kind { get; set; }

    public string? Key { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string? TaskId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
