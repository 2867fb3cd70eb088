using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Work for a person: created by UserTask (one) or MultiInstanceTask (one per item), assigned to a
/// user and/or offered to a role at an org unit, answered through its form's action buttons.
/// </summary>
public sealed class HumanTask
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required string ActivityId { get; set; }

    public required string BookmarkId { get; init; }

    public required string DefinitionKey { get; init; }

    /// <summary>The definition version the task was created under: its form is validated against exactly this version.</summary>
    public int DefinitionVersion { get; set; }

    public string? District { get; init; }

    public required string Title { get; set; }

    public string? FormKey { get; set; }

    /// <summary>Outcome ports the task may be completed with (the form's action buttons).</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    public string? Assignee { get; set; }

    public IReadOnlyList<string> CandidateRoles { get; set; } = [];

    /// <summary>Org unit whose role holders may claim it (e.g. grid <c>wc-lcx-g07</c>).</summary>
    public string? CandidateUnit { get; set; }

    public int Priority { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? WarnAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DeadlineState DeadlineState { get; set; }

    public HumanTaskStatus Status { get; set; }

    /// <summary>For multi-instance tasks: the item this task is for (a party, a department) and its index.</summary>
    public JsonElement? Item { get; init; }

    public int? ItemIndex { get; init; }

    public string? Outcome { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
}
