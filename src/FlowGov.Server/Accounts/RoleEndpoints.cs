using FlowGov.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Accounts;

/// <summary>
/// The role names a task can be offered to: the built-in ones (<see cref="RoleNames.All"/>) and any a district
/// admin has given out beyond them. The admin's role picker and the designer's candidate-role picker both read
/// this one list.
/// </summary>
public static class RoleEndpoints
{
    public static RouteHandlerBuilder MapRoleEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/roles", ListAsync).WithTags("Users").RequireAuthorization(Policies.Member);

    private static async Task<Ok<List<string>>> ListAsync(FlowGovDbContext db, CancellationToken cancellationToken)
    {
        var given = await db.RoleAssignments.AsNoTracking().Select(r => r.Role).Distinct().ToListAsync(cancellationToken);
        return TypedResults.Ok<List<string>>([.. RoleNames.All, .. given.Where(r => !RoleNames.All.Contains(r)).Order(StringComparer.Ordinal)]);
    }
}
