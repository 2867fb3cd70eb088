namespace FlowGov.Data.Versioning;

/// <summary>Who acts, and from where (client address, <c>cli</c> …), for the audit log.</summary>
public sealed record AuditActor(string User, string? From = null);
