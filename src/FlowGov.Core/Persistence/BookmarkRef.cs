using FlowGov.Core.Runtime;

namespace FlowGov.Core.Persistence;

/// <summary>A row of the bookmark index: enough to find the instance to load.</summary>
public sealed record BookmarkRef(string BookmarkId, string InstanceId, BookmarkKind Kind, DateTimeOffset? DueAt, string? TaskId);
