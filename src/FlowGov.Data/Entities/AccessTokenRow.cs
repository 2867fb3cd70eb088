namespace FlowGov.Data.Entities;

/// <summary>A personal access token for scripts and the CLI. Only the SHA-256 of the secret is stored; revoking stamps <see cref="RevokedAt"/>.</summary>
public sealed class AccessTokenRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string District { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token text.</summary>
    public required string TokenHash { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
