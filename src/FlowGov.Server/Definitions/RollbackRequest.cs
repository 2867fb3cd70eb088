namespace FlowGov.Server.Definitions;

/// <summary>Republishes the content of <see cref="ToVersion"/> as a new version.</summary>
public sealed record RollbackRequest(int ToVersion, string Note);
