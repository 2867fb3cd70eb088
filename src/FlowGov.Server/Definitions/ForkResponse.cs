namespace FlowGov.Server.Definitions;

/// <summary>The district draft a fork created, with the revision to save it at and its lineage.</summary>
public sealed record ForkResponse(string Key, long Revision, string TemplateKey, int ForkedFromVersion);
