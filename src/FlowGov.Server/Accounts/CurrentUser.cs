using System.Security.Claims;
using FlowGov.Data;
using FlowGov.Server.Organization;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Accounts;

/// <summary>The signed-in user of this request, with their roles and org units loaded once when first asked.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, FlowGovDbContext db)
{
    private UserAccess? _access;

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public string Id => Principal.FindFirstValue(AuthSchemes.UserIdClaim) ?? throw new InvalidOperationException("No signed-in user.");

    public string District => Principal.FindFirstValue(AuthSchemes.DistrictClaim) ?? throw new InvalidOperationException("No signed-in user.");

    public string Name => Principal.FindFirstValue(AuthSchemes.NameClaim) ?? Id;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public string? ClientAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public async Task<UserAccess> AccessAsync(CancellationToken cancellationToken)
    {
        if (_access is not null)
        {
            return _access;
        }

        var id = Id;
        // In the order they were given: "the first assignment" (a start's default unit, the form user's unit) stays the same one.
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == id).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().ToListAsync(cancellationToken);
        return _access = new UserAccess(id, District, assignments, new OrgTree(units));
    }
}
