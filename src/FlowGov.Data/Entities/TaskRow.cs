namespace FlowGov.Data.Entities;

/// <summary>
/// A human task, open or closed: the inbox reads these. List columns are stored delimited as
/// <c>,a,b,</c> so "has role r" is <c>LIKE '%,r,%'</c> on both providers.
/// </summary>
public sealed class TaskRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string District { get; set; }

    public required string ActivityId { get; set; }

    public required string BookmarkId { get; set; }

    public required string DefinitionKey { get; set; }

    public int DefinitionVersion { get; set; }

    public string? FormKey { get; set; }

    public required string Title { get; set; }

    public string? Assignee { get; set; }

    public required string CandidateRoles { get; set; }

    public string? CandidateUnit { get; set; }

    public required string Outcomes { get; set; }

    public required string Status { get; set; }

    public required string DeadlineState { get; set; }

    public int Priority { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? WarnAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Outcome { get; set; }

    public string? CompletedBy { get; set; }

    public string? ItemJson { get; set; }

    public int? ItemIndex { get; set; }
}
