using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGov.Server.Hosting;

/// <summary>ProblemDetails answers used by every endpoint, so errors look the same everywhere.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static ProblemHttpResult BadRequest(string detail, string? field = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail,
            extensions: field is null ? null : new Dictionary<string, object?> { ["field"] = field });

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, extensions: extensions);

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Unprocessable(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable", detail: detail, extensions: extensions);

    /// <summary>Field errors keyed by field path (<c>parties[2].phone</c>), as <c>errors</c> in a validation problem.</summary>
    public static ProblemHttpResult FieldErrors(string detail, IDictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Validation failed", detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
}
