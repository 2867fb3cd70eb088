namespace FlowGov.Server.Definitions;

public sealed record RevisionResponse(string Key, long Revision);
