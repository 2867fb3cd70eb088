using System.Text.Json;

namespace FlowGov.Core.Runtime;

public sealed record StartRequest
{
    public string? District { get; init; }

    public JsonElement? Input { get; init; }

    public string? BusinessKey { get; init; }

    public string? StartedBy { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentBookmarkId { get; init; }
}
