using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace FlowGov.Server.Hosting;

/// <summary>
/// Serves the browser app (designer and frontline, built by <c>npm run build</c> into
/// <c>designer/dist</c>) beside the API: hashed assets cached for a year, <c>index.html</c> for every
/// client-side route. API paths never fall back to the app, so an unknown endpoint stays a 404.
/// </summary>
public static class WebApp
{
    private static readonly string[] ServerPrefixes = ["/api", "/openapi", "/swagger", "/healthz", "/readyz"];

    /// <summary>The configured folder, or the nearest <c>designer/dist</c> above the working directory; null when the app was not built.</summary>
    public static string? Locate(ServerOptions options, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        if (options.WebAppDirectory is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "designer", "dist");
                if (File.Exists(Path.Combine(candidate, "index.html")))
                {
                    return candidate;
                }

                if (File.Exists(Path.Combine(dir.FullName, "FlowGov.sln")))
                {
                    break;
                }
            }
        }

        return null;
    }

    /// <summary>Static files of the app; call before authentication (the login page itself is a static file).</summary>
    public static void UseWebAppFiles(this WebApplication app, string folder)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = new PhysicalFileProvider(folder);

        // Client-side routes (/inbox, /designer/…) are the app's index.html; server paths and files are
        // left alone, so an unknown endpoint stays a 404 and a wrong content type a 415.
        app.Use((http, next) =>
        {
            var path = http.Request.Path;
            var read = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            if (read && !ServerPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) && !Path.HasExtension(path.Value))
            {
                http.Request.Path = "/index.html";
            }

            return next(http);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = c =>
            {
                // Vite names assets by content hash: they never change under a name.
                var immutable = c.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);
                c.Context.Response.Headers[HeaderNames.CacheControl] = immutable ? "public, max-age=31536000, immutable" : "no-cache";
            },
        });
    }
}
