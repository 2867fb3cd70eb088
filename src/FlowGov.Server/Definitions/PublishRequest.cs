namespace FlowGov.Server.Definitions;

/// <summary>Publishes the draft at <see cref="Revision"/> with a change note.</summary>
public sealed record PublishRequest(long Revision, string Note);
