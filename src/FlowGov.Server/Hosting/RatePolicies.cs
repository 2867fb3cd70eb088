using System.Security.Claims;
using System.Threading.RateLimiting;
using FlowGov.Server.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace FlowGov.Server.Hosting;

/// <summary>Built-in rate limiting: sign-in attempts per client address, writes per user (reads are not limited).</summary>
public static class RatePolicies
{
    public const string Login = "login";

    public const string Writes = "writes";

    public static void Configure(RateLimiterOptions options, ServerOptions server)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails { Status = 429, Title = "Too many requests", Detail = "Slow down: the rate limit for this kind of request was reached; retry in a minute." },
            });
        };
        options.AddPolicy(Login, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = server.LoginPermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.AddPolicy(Writes, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("reads")
            : RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirstValue(AuthSchemes.UserIdClaim) ?? http.Connection.RemoteIpAddress?.ToString() ?? "anonymous",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = server.WritePermitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }
}
