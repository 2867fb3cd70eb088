using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace FlowGov.Server.Accounts;

/// <summary>Authorization policies, one per kind of endpoint. Role claims are the roles a user holds anywhere in their district.</summary>
public static class Policies
{
    /// <summary>Any signed-in user of a district (reading their district's data).</summary>
    public const string Member = "member";

    /// <summary>Org units, users, tokens, audit.</summary>
    public const string Admin = "admin";

    /// <summary>Drafts, publishing, versions.</summary>
    public const string Designer = "designer";

    /// <summary>Starting processes and working tasks: every role but viewer.</summary>
    public const string Worker = "worker";

    /// <summary>Nudging, reports across the district.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Reports: supervisors, admins and viewers.</summary>
    public const string Reports = "reports";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Member, p => p.RequireAuthenticatedUser().RequireClaim(AuthSchemes.DistrictClaim));
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin));
        options.AddPolicy(Designer, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin, RoleNames.Designer));
        options.AddPolicy(Worker, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
            c.User.FindAll(ClaimTypes.Role).Any(r => r.Value != RoleNames.Viewer)));
        options.AddPolicy(Supervisor, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin, RoleNames.Supervisor));
        options.AddPolicy(Reports, p => p.RequireAuthenticatedUser().RequireRole(RoleNames.Admin, RoleNames.Supervisor, RoleNames.Viewer));
        options.FallbackPolicy = options.GetPolicy(Member);
    }
}
