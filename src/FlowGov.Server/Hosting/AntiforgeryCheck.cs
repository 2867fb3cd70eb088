using FlowGov.Server.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace FlowGov.Server.Hosting;

/// <summary>
/// Requests authenticated by the browser cookie that change state must carry the antiforgery token
/// (<c>GET /api/auth/antiforgery</c>) in <see cref="HeaderName"/>; bearer-token requests need none,
/// since a browser never attaches a bearer token by itself.
/// </summary>
public static class AntiforgeryCheck
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var method = http.Request.Method;
        var unsafeMethod = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        if (unsafeMethod && http.User.Identity is { IsAuthenticated: true, AuthenticationType: AuthSchemes.Cookie })
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = 400,
                        Title = "Antiforgery token missing or invalid",
                        Detail = $"A state-changing request made with the sign-in cookie needs the token of GET /api/auth/antiforgery in the {HeaderName} header.",
                    },
                });
                return;
            }
        }

        await next(http);
    });
}
