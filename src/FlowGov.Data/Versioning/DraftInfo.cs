using FlowGov.Core.Definitions;

namespace FlowGov.Data.Versioning;

/// <summary>A draft and the revision to pass back when saving or publishing it.</summary>
public sealed record DraftInfo(WorkflowDefinition Definition, long Revision, DefinitionRef? ForkedFrom);
