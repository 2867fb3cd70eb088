namespace FlowGov.Data.Entities;

/// <summary>
/// One version of a definition (or the draft, version 0). Published content is immutable: only
/// <see cref="Status"/> may change afterwards (published → retired).
/// </summary>
public sealed class DefinitionRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string Key { get; set; }

    public required string District { get; set; }

    /// <summary>0 for the draft; N once published.</summary>
    public int Version { get; set; }

    public DefinitionStatus Status { get; set; }

    public required string Name { get; set; }

    /// <summary>The definition as JSON (<c>EngineJson</c>).</summary>
    public required string ContentJson { get; set; }

    /// <summary>SHA-256 (hex) of the canonical content; stamped on publish.</summary>
    public string? ContentHash { get; set; }

    public string? Author { get; set; }

    public string? ChangeNote { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PublishedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>Edit counter of a draft, checked on every save (optimistic concurrency).</summary>
    public long Revision { get; set; }

    public string? ForkedFromKey { get; set; }

    public int? ForkedFromVersion { get; set; }
}
