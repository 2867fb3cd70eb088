namespace FlowGov.Server.Hosting;

/// <summary>
/// The server listens before start-up work is done: health probes answer at once, every other
/// request waits until the store is migrated and seeded (or gets a 503 if that failed).
/// </summary>
public static class StartupGate
{
    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var state = app.ApplicationServices.GetRequiredService<StartupState>();
        return app.Use(async (context, next) =>
        {
            if (!state.StoreReady.IsCompletedSuccessfully && !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz"))
            {
                try
                {
                    await state.StoreReady.WaitAsync(context.RequestAborted);
                }
                catch (Exception) when (state.StoreReady.IsFaulted)
                {
                    throw new ApiProblemException(StatusCodes.Status503ServiceUnavailable, "Service unavailable", "The server failed to start: see its log.");
                }
            }

            await next(context);
        });
    }
}
