using System.Text.Json;

namespace FlowGov.Core.Runtime;

public sealed record StartRequest
{
    public string? District { get; init; }

    public JsonElement? Input { get; init; }

    public string? BusinessKey { get; init; }

    public string? StartedBy { get; init; }

    /// <summary>The org unit the instance belongs to — the starter's unit (reports by unit count it there); a sub-process inherits its parent's.</summary>
    public string? OrgUnit { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentBookmarkId { get; init; }

    /// <summary>Recorded in the audit log with the start's commit (its subject defaults to the new instance).</summary>
    public AuditNote? Audit { get; init; }
}
