using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>A SubProcess asks its host to start a child instance and resume <see cref="ParentBookmarkId"/> when it ends.</summary>
public sealed record ChildStartRequest(
    string ParentInstanceId,
    string ParentBookmarkId,
    string DefinitionKey,
    int? DefinitionVersion,
    JsonElement Input,
    string? BusinessKey);
