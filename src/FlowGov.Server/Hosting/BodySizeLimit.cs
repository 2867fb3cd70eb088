using Microsoft.AspNetCore.Http.Features;
using FlowGov.Server.Attachments;
using Microsoft.AspNetCore.Mvc;

namespace FlowGov.Server.Hosting;

/// <summary>
/// Refuses bodies over the configured size with 413 before anything reads them (Kestrel enforces
/// the same limit on streamed bodies; this also covers hosts without Kestrel's limit, such as tests).
/// </summary>
public static class BodySizeLimit
{
    public static IApplicationBuilder UseBodySizeLimit(this IApplicationBuilder app, long maxBytes, long maxUploadBytes) => app.Use(async (http, next) =>
    {
        // Attachment uploads carry files (a field's own limit is checked by the store); everything else is JSON.
        var upload = AttachmentEndpoints.IsUpload(http.Request);
        var limit = upload ? maxUploadBytes : maxBytes;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength is { } length && length > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = 413,
                    Title = "Request body too large",
                    Detail = $"The body has {length} bytes; the limit is {limit} ({(upload ? "FlowGov:MaxUploadBodyBytes" : "FlowGov:MaxRequestBodyBytes")}).",
                },
            });
            return;
        }

        await next(http);
    });
}
