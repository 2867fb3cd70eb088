using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using FlowGov.Core.Persistence;
using FlowGov.Core.Validation;
using FlowGov.Data;
using FlowGov.Data.Versioning;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FlowGov.Server.Hosting;

/// <summary>
/// Turns every exception into a ProblemDetails that names what failed (the field, the activity, the
/// current revision); only an unexpected exception is a 500, and it never shows internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    internal static ProblemDetails Map(Exception exception)
    {
        switch (exception)
        {
            case ApiProblemException api:
                return With(new ProblemDetails { Status = api.Status, Title = api.Title, Detail = api.Message }, api.Extensions);
            case BadHttpRequestException bad:
                var inner = bad.InnerException is JsonException badJson
                    ? $" {badJson.Message}"
                    : bad.InnerException is { } e ? $" {e.Message}" : "";
                var path = (bad.InnerException as JsonException)?.Path;
                return With(new ProblemDetails
                {
                    Status = bad.StatusCode,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                    Detail = bad.Message + inner,
                }, path is null ? null : new Dictionary<string, object?> { ["field"] = path });
            case JsonException json:
                return With(new ProblemDetails { Status = 400, Title = "Bad request", Detail = json.Message }, json.Path is null ? null : new Dictionary<string, object?> { ["field"] = json.Path });
            case DefinitionParseException parse:
                return With(new ProblemDetails { Status = 400, Title = "Invalid definition JSON", Detail = parse.Problem.ToString() },
                    new Dictionary<string, object?> { ["problems"] = new[] { parse.Problem } });
            case DefinitionInvalidException invalid:
                return With(new ProblemDetails { Status = 422, Title = "Invalid definition", Detail = invalid.Message },
                    new Dictionary<string, object?> { ["problems"] = invalid.Problems });
            case FormDefinitionException form:
                return new ProblemDetails { Status = 422, Title = "Invalid form definition", Detail = form.Message };
            case StaleRevisionException stale:
                return With(new ProblemDetails { Status = 409, Title = "Stale revision", Detail = stale.Message },
                    new Dictionary<string, object?>
                    {
                        ["currentRevision"] = stale.CurrentRevision,
                        ["expectedRevision"] = stale.ExpectedRevision,
                        ["updatedBy"] = stale.LastChange?.UserId,
                        ["updatedByName"] = stale.LastChange?.DisplayName,
                        ["updatedAt"] = stale.LastChange?.At,
                    });
            case ConcurrencyConflictException conflict:
                return With(new ProblemDetails { Status = 409, Title = "Concurrent change", Detail = conflict.Message },
                    new Dictionary<string, object?> { ["instanceId"] = conflict.InstanceId });
            case KeyNotFoundException missing:
                return new ProblemDetails { Status = 404, Title = "Not found", Detail = missing.Message };
            case DistrictScopeViolationException:
                // Never say that the thing exists in another district.
                return new ProblemDetails { Status = 404, Title = "Not found", Detail = "No such resource in your district." };
            case OperationCanceledException:
                return new ProblemDetails { Status = 499, Title = "Request cancelled" };
            default:
                return new ProblemDetails { Status = 500, Title = "Internal error", Detail = "The server failed to handle the request; see the server log for the trace id." };
        }
    }

    private static ProblemDetails With(ProblemDetails problem, IDictionary<string, object?>? extensions)
    {
        if (extensions is not null)
        {
            foreach (var (k, v) in extensions)
            {
                problem.Extensions[k] = v;
            }
        }

        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception on {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string path);
}
