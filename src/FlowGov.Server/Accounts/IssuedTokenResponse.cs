namespace FlowGov.Server.Accounts;

/// <summary>The token text is shown once; the server keeps only its hash.</summary>
public sealed record IssuedTokenResponse(string Id, string Name, string Token, DateTimeOffset? ExpiresAt);
