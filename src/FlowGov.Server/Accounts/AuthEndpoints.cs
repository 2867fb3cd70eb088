using System.Security.Claims;
using FlowGov.Data;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Accounts;

/// <summary>Sign-in with a local account (cookie for the browser), sign-out, who am I, antiforgery token.</summary>
public static class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RatePolicies.Login);
        group.MapPost("/logout", LogoutAsync);
        group.MapGet("/me", MeAsync);
        group.MapGet("/antiforgery", Antiforgery);
        return group;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> LoginAsync(LoginRequest request, HttpContext http, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("userName and password are required.", string.IsNullOrWhiteSpace(request.UserName) ? "userName" : "password");
        }

        var (status, user, lockedUntil) = await accounts.CheckPasswordAsync(request.UserName.Trim(), request.Password, cancellationToken);
        if (status == SignInStatus.LockedOut)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                detail: "Too many failed sign-ins; try again later.", extensions: new Dictionary<string, object?> { ["lockedUntil"] = lockedUntil });
        }

        if (status != SignInStatus.Succeeded || user is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "Unknown user name or wrong password.");
        }

        var principal = await accounts.PrincipalAsync(user.Id, AuthSchemes.Cookie, cancellationToken);
        if (principal is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The account is not active.");
        }

        await http.SignInAsync(AuthSchemes.Cookie, principal);
        http.User = principal;
        return TypedResults.Ok(await DescribeAsync(user.Id, principal, http.RequestServices, cancellationToken));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await http.SignOutAsync(AuthSchemes.Cookie);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<MeResponse>> MeAsync(CurrentUser me, HttpContext http, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(me.Id, http.User, http.RequestServices, cancellationToken));

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.HeaderName ?? AntiforgeryCheck.HeaderName, tokens.RequestToken ?? ""));
    }

    private static async Task<MeResponse> DescribeAsync(string userId, ClaimsPrincipal principal, IServiceProvider services, CancellationToken cancellationToken)
    {
        var database = services.GetRequiredService<FlowGovDatabase>();
        var district = principal.FindFirstValue(AuthSchemes.DistrictClaim)!;
        await using var db = database.CreateContext(DistrictScope.For(district));
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, cancellationToken);
        var roles = await (from a in db.RoleAssignments.AsNoTracking()
                           where a.UserId == userId
                           join u in db.OrgUnits.AsNoTracking() on a.OrgUnitId equals u.Id into units
                           from u in units.DefaultIfEmpty()
                           orderby a.Id
                           select new RoleAssignmentResponse(a.Id, a.Role, a.OrgUnitId, u == null ? null : u.Name)).ToListAsync(cancellationToken);
        var zone = Reports.ReportPeriod.Zone(services.GetRequiredService<IOptions<ServerOptions>>().Value);
        return new MeResponse(user.Id, user.UserName, user.DisplayName, user.District, roles, zone.Id);
    }
}
