using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Accounts;

/// <summary>Users of the admin's district, their roles at org units, and their personal access tokens.</summary>
public static class UserEndpoints
{
    public static RouteGroupBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Policies.Admin);
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapPost("/{id}/roles", AddRoleAsync);
        group.MapDelete("/{id}/roles/{assignmentId:long}", RemoveRoleAsync);
        group.MapGet("/{id}/tokens", ListTokensAsync);
        group.MapPost("/{id}/tokens", IssueTokenAsync);
        group.MapDelete("/{id}/tokens/{tokenId}", RevokeTokenAsync);
        return group;
    }

    private static async Task<Ok<Page<UserResponse>>> ListAsync(FlowGovDbContext db, int? page, int? pageSize, string? search, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.Where(u => u.UserName.Contains(search) || u.DisplayName.Contains(search));
        }

        var total = await query.CountAsync(cancellationToken);
        var users = await query.OrderBy(u => u.UserName).Skip((p - 1) * size).Take(size).ToListAsync(cancellationToken);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await RolesAsync(db, ids, cancellationToken);
        return TypedResults.Ok(new Page<UserResponse>([.. users.Select(u => ToResponse(u, roles))], p, size, total));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string id, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? Problems.NotFound($"No user '{id}' in your district.") : TypedResults.Ok(ToResponse(user, await RolesAsync(db, [id], cancellationToken)));
    }

    private static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(CreateUserRequest request, FlowGovDbContext db, FlowGovDatabase database, CurrentUser me, IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || request.UserName.Length > 64 || request.UserName.Any(char.IsWhiteSpace))
        {
            return Problems.BadRequest("userName is required: up to 64 characters, no spaces.", "userName");
        }

        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            return Problems.BadRequest("displayName is required.", "displayName");
        }

        if (PasswordProblem(request.Password) is { } pw)
        {
            return Problems.BadRequest(pw, "password");
        }

        // User names are global (people sign in with them), so the check looks across districts
        // but answers only "taken".
        await using (var all = database.CreateContext(DistrictScope.AllDistricts))
        {
            if (await all.Users.AnyAsync(u => u.UserName == request.UserName, cancellationToken))
            {
                return Problems.Conflict($"The user name '{request.UserName}' is taken.");
            }
        }

        var now = clock.GetUtcNow();
        var user = new UserRow { Id = "u-" + ids.NewId().ToLowerInvariant(), District = me.District, UserName = request.UserName, DisplayName = request.DisplayName, PasswordHash = "", CreatedAt = now };
        user.PasswordHash = AccountDirectory.HashPassword(user, request.Password);
        db.Users.Add(user);
        foreach (var (r, i) in (request.Roles ?? []).Select((r, i) => (r, i)))
        {
            if (await RoleProblemAsync(db, r, cancellationToken) is { } problem)
            {
                return Problems.BadRequest(problem, $"roles[{i}]");
            }

            db.RoleAssignments.Add(new RoleAssignmentRow { District = me.District, UserId = user.Id, Role = r.Role, OrgUnitId = r.OrgUnitId, CreatedAt = now });
        }

        AuditTrail.Add(db, me, "user.create", user.Id, now, user.UserName);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/{user.Id}", ToResponse(user, await RolesAsync(db, [user.Id], cancellationToken)));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(string id, UpdateUserRequest request, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound($"No user '{id}' in your district.");
        }

        if (request.DisplayName is { } name)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                return Problems.BadRequest("displayName must not be empty.", "displayName");
            }

            user.DisplayName = name;
        }

        if (request.IsActive is { } active)
        {
            user.IsActive = active;
        }

        if (request.Password is { } password)
        {
            if (PasswordProblem(password) is { } pw)
            {
                return Problems.BadRequest(pw, "password");
            }

            user.PasswordHash = AccountDirectory.HashPassword(user, password);
            user.LockedUntil = null;
            user.FailedLogins = 0;
        }

        AuditTrail.Add(db, me, "user.update", user.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(user, await RolesAsync(db, [id], cancellationToken)));
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> AddRoleAsync(string id, RoleAssignmentRequest request, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return Problems.NotFound($"No user '{id}' in your district.");
        }

        if (await RoleProblemAsync(db, request, cancellationToken) is { } problem)
        {
            return Problems.BadRequest(problem, "role");
        }

        if (!await db.RoleAssignments.AnyAsync(a => a.UserId == id && a.Role == request.Role && a.OrgUnitId == request.OrgUnitId, cancellationToken))
        {
            var now = clock.GetUtcNow();
            db.RoleAssignments.Add(new RoleAssignmentRow { District = me.District, UserId = id, Role = request.Role, OrgUnitId = request.OrgUnitId, CreatedAt = now });
            AuditTrail.Add(db, me, "user.role.add", id, now, $"{request.Role}@{request.OrgUnitId}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ToResponse(user, await RolesAsync(db, [id], cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveRoleAsync(string id, long assignmentId, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.RoleAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.UserId == id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"User '{id}' has no role assignment {assignmentId} in your district.");
        }

        db.RoleAssignments.Remove(row);
        AuditTrail.Add(db, me, "user.role.remove", id, clock.GetUtcNow(), $"{row.Role}@{row.OrgUnitId}");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<TokenResponse>>, ProblemHttpResult>> ListTokensAsync(string id, FlowGovDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No user '{id}' in your district.");
        }

        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(t => new TokenResponse(t.Id, t.UserId, t.Name, t.CreatedAt, t.ExpiresAt, t.RevokedAt)).ToList());
    }

    private static async Task<Results<Created<IssuedTokenResponse>, ProblemHttpResult>> IssueTokenAsync(string id, IssueTokenRequest request, FlowGovDbContext db, CurrentUser me, IIdGenerator ids, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Problems.BadRequest("name is required (up to 100 characters), e.g. 'cli on my laptop'.", "name");
        }

        if (request.ExpiresInDays is < 1 or > 3650)
        {
            return Problems.BadRequest("expiresInDays must be between 1 and 3650.", "expiresInDays");
        }

        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound($"No user '{id}' in your district.");
        }

        var now = clock.GetUtcNow();
        var secret = AccountDirectory.NewToken();
        var row = new AccessTokenRow
        {
            Id = "t-" + ids.NewId().ToLowerInvariant(),
            District = me.District,
            UserId = id,
            Name = request.Name,
            TokenHash = AccountDirectory.HashToken(secret),
            CreatedBy = me.Id,
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessTokens.Add(row);
        AuditTrail.Add(db, me, "token.issue", id, now, row.Id);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/users/{id}/tokens/{row.Id}", new IssuedTokenResponse(row.Id, row.Name, secret, row.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(string id, string tokenId, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == id, cancellationToken);
        if (row is null)
        {
            return Problems.NotFound($"User '{id}' has no token '{tokenId}' in your district.");
        }

        var now = clock.GetUtcNow();
        row.RevokedAt ??= now;
        AuditTrail.Add(db, me, "token.revoke", id, now, tokenId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static string? PasswordProblem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < 8 || password.Length > 256 ? "password must be 8 to 256 characters." : null;

    private static async Task<string?> RoleProblemAsync(FlowGovDbContext db, RoleAssignmentRequest? request, CancellationToken cancellationToken)
    {
        if (request is null || !RoleNames.IsValid(request.Role))
        {
            return $"role must be a lower-case identifier such as {string.Join(", ", RoleNames.All)}.";
        }

        return await db.OrgUnits.AnyAsync(u => u.Id == request.OrgUnitId, cancellationToken)
            ? null
            : $"No org unit '{request.OrgUnitId}' in your district.";
    }

    private static async Task<Dictionary<string, List<RoleAssignmentResponse>>> RolesAsync(FlowGovDbContext db, List<string> userIds, CancellationToken cancellationToken)
    {
        var rows = await (from a in db.RoleAssignments.AsNoTracking()
                          where userIds.Contains(a.UserId)
                          join u in db.OrgUnits.AsNoTracking() on a.OrgUnitId equals u.Id into units
                          from u in units.DefaultIfEmpty()
                          orderby a.Id
                          select new { a.UserId, Response = new RoleAssignmentResponse(a.Id, a.Role, a.OrgUnitId, u == null ? null : u.Name) }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Response).ToList(), StringComparer.Ordinal);
    }

    private static UserResponse ToResponse(UserRow u, Dictionary<string, List<RoleAssignmentResponse>> roles) =>
        new(u.Id, u.UserName, u.DisplayName, u.IsActive, u.LockedUntil, u.LastLoginAt, roles.GetValueOrDefault(u.Id) ?? []);
}
