using System.Text.Json;
using FlowGov.Data;
using FlowGov.Data.Entities;

namespace FlowGov.Server.Tasks;

public sealed record TaskResponse(
    string Id,
    string InstanceId,
    string ActivityId,
    string DefinitionKey,
    int DefinitionVersion,
    string Title,
    string? FormKey,
    string? Assignee,
    IReadOnlyList<string> CandidateRoles,
    string? CandidateUnit,
    IReadOnlyList<string> Outcomes,
    string Status,
    string DeadlineState,
    int Priority,
    DateTimeOffset CreatedAt,
    DateTimeOffset? WarnAt,
    DateTimeOffset? DueAt,
    DateTimeOffset? CompletedAt,
    string? Outcome,
    string? CompletedBy,
    JsonElement? Item,
    string? DelegatedBy)
{
    public static TaskResponse From(TaskRow t, string? delegatedBy)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Id, t.InstanceId, t.ActivityId, t.DefinitionKey, t.DefinitionVersion, t.Title, t.FormKey, t.Assignee,
            Lists.Split(t.CandidateRoles), t.CandidateUnit, Lists.Split(t.Outcomes), t.Status.ToLowerInvariant(), t.DeadlineState.ToLowerInvariant(), t.Priority,
            t.CreatedAt, t.WarnAt, t.DueAt, t.CompletedAt, t.Outcome, t.CompletedBy,
            t.ItemJson is null ? null : JsonElement.Parse(t.ItemJson), delegatedBy);
    }
}
