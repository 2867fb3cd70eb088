using FlowGov.Data.Entities;

namespace FlowGov.Data.Versioning;

/// <summary>One published (or retired) version as the version list shows it (<see cref="AuthorName"/>: the author's display name, filled by the list).</summary>
public sealed record DefinitionVersionInfo(
    string Key,
    string? District,
    int Version,
    DefinitionStatus Status,
    string ContentHash,
    string? Author,
    string? ChangeNote,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RetiredAt,
    DefinitionRef? ForkedFrom,
    string? AuthorName = null);
