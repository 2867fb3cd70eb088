using FlowGov.Core.Definitions;

namespace FlowGov.Data.Versioning;

/// <summary>A draft, the revision to pass back when saving or publishing it, and who moved it to that revision when.</summary>
public sealed record DraftInfo(WorkflowDefinition Definition, long Revision, DefinitionRef? ForkedFrom, DraftEditor LastChange);

/// <summary>
/// The last change of a draft (a save or a publish, both bump its revision): the user's id, their display name
/// (null when the account is gone) and the time.
/// </summary>
public sealed record DraftEditor(string? UserId, string? DisplayName, DateTimeOffset At);
