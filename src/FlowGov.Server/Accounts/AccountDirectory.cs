using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Accounts;

/// <summary>
/// Accounts as authentication sees them: password checks with lockout, principals built from the
/// store (so a deactivated user or a removed role takes effect on the next request), and personal
/// access tokens, of which only a hash is kept. Looks across districts: a user name is global.
/// </summary>
public sealed class AccountDirectory(FlowGovDatabase database, TimeProvider clock, IOptions<ServerOptions> options)
{
    public const string TokenPrefix = "fgp_";

    private static readonly PasswordHasher<UserRow> Hasher = new();

    public static string HashPassword(UserRow user, string password) => Hasher.HashPassword(user, password);

    public async Task<(SignInStatus Status, UserRow? User, DateTimeOffset? LockedUntil)> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var user = await db.Users.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null || !user.IsActive)
        {
            // Same work as a real check, so timing does not tell which user names exist.
            Hasher.VerifyHashedPassword(new UserRow { Id = "", District = "", UserName = "", DisplayName = "", PasswordHash = "" }, DummyHash, password);
            return (SignInStatus.Failed, null, null);
        }

        if (user.LockedUntil is { } until && until > now)
        {
            return (SignInStatus.LockedOut, null, until);
        }

        var verdict = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.FailedLogins++;
            if (user.FailedLogins >= options.Value.LockoutThreshold)
            {
                user.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
                user.FailedLogins = 0;
            }

            await db.SaveChangesAsync(cancellationToken);
            return user.LockedUntil is { } l && l > now ? (SignInStatus.LockedOut, null, l) : (SignInStatus.Failed, null, null);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = Hasher.HashPassword(user, password);
        }

        user.FailedLogins = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (SignInStatus.Succeeded, user, null);
    }

    /// <summary>The principal of an active user with the roles they hold now; null when the user is gone or deactivated.</summary>
    public async Task<ClaimsPrincipal?> PrincipalAsync(string userId, string authenticationType, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await PrincipalAsync(db, userId, authenticationType, cancellationToken);
    }

    public async Task<ClaimsPrincipal?> PrincipalForTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }

        var hash = HashToken(token);
        var now = clock.GetUtcNow();
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var row = await _tokenByHash(db, hash, cancellationToken);
        if (row is null || row.RevokedAt is not null || (row.ExpiresAt is { } exp && exp <= now))
        {
            return null;
        }

        return await PrincipalAsync(db, row.UserId, AuthSchemes.Token, cancellationToken);
    }

    // Every authenticated request reads its token, user and roles (no cache: a revoked token, a
    // deactivated user or a removed role takes effect on the next request). Compiled once: the
    // LINQ of the three lookups was retranslated per request, ~10 % of the server's CPU under load.
    // Per directory (one per database), not static: a compiled query serves the model it first ran
    // with, and one process may hold a SQLite and a PostgreSQL store (the test suites do).
    private readonly Func<FlowGovDbContext, string, CancellationToken, Task<TokenState?>> _tokenByHash = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string hash, CancellationToken cancellationToken) => db.AccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new TokenState(t.UserId, t.RevokedAt, t.ExpiresAt))
            .FirstOrDefault());

    private readonly Func<FlowGovDbContext, string, CancellationToken, Task<UserState?>> _userById = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string id, CancellationToken cancellationToken) => db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new UserState(u.Id, u.UserName, u.District, u.IsActive))
            .FirstOrDefault());

    private readonly Func<FlowGovDbContext, string, string, IAsyncEnumerable<string>> _rolesOf = EF.CompileAsyncQuery(
        (FlowGovDbContext db, string userId, string district) => db.RoleAssignments.AsNoTracking()
            .Where(r => r.UserId == userId && r.District == district)
            .Select(r => r.Role)
            .Distinct());

    private async Task<ClaimsPrincipal?> PrincipalAsync(FlowGovDbContext db, string userId, string authenticationType, CancellationToken cancellationToken)
    {
        var user = await _userById(db, userId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(AuthSchemes.UserIdClaim, user.Id),
            new(AuthSchemes.NameClaim, user.UserName),
            new(AuthSchemes.DistrictClaim, user.District),
        };
        await foreach (var role in _rolesOf(db, user.Id, user.District).WithCancellation(cancellationToken))
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, AuthSchemes.NameClaim, ClaimTypes.Role));
    }

    private sealed record TokenState(string UserId, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt);

    private sealed record UserState(string Id, string UserName, string District, bool IsActive);

    /// <summary>A new token secret: prefix plus 256 random bits, base64url.</summary>
    public static string NewToken() =>
        TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static readonly string DummyHash = Hasher.HashPassword(new UserRow { Id = "", District = "", UserName = "", DisplayName = "", PasswordHash = "" }, "not-a-password");
}
