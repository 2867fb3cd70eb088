namespace FlowGov.Data.Entities;

/// <summary>A local account of one district. The user name is unique across districts (it is what people type to sign in).</summary>
public sealed class UserRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string District { get; set; }

    public required string UserName { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>ASP.NET Core Identity's <c>PasswordHasher</c> format (PBKDF2, salted, versioned).</summary>
    public required string PasswordHash { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Failed sign-ins since the last success; reaching the limit locks the account until <see cref="LockedUntil"/>.</summary>
    public int FailedLogins { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }
}
