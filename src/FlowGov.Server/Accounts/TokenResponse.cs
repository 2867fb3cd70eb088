namespace FlowGov.Server.Accounts;

public sealed record TokenResponse(string Id, string UserId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);
