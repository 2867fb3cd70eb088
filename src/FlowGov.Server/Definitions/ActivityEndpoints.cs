using FlowGov.Core.Activities;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGov.Server.Definitions;

/// <summary>The designer's palette: every activity type with its properties and ports.</summary>
public static class ActivityEndpoints
{
    public static RouteGroupBuilder MapActivityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/activities").WithTags("Definitions");
        group.MapGet("/", (ActivityRegistry registry) => TypedResults.Ok(registry.Descriptors.ToList()));
        return group;
    }
}
