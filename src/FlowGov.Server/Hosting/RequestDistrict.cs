using System.Security.Claims;
using FlowGov.Data;
using FlowGov.Server.Accounts;

namespace FlowGov.Server.Hosting;

/// <summary>
/// The district scope of a request: the signed-in user's district. Anonymous requests get a scope
/// that matches no district, so nothing can leak through an endpoint that forgot to authorize.
/// </summary>
public static class RequestDistrict
{
    private const string Nowhere = "~anonymous";

    public static DistrictScope Resolve(IServiceProvider services)
    {
        var user = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.User;
        var district = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(AuthSchemes.DistrictClaim) : null;
        return DistrictScope.For(string.IsNullOrEmpty(district) ? Nowhere : district);
    }
}
