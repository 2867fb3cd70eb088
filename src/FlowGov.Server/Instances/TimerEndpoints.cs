using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Scheduling.Timers;
using FlowGov.Server.Accounts;
using FlowGov.Server.Audit;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Quartz;

namespace FlowGov.Server.Instances;

/// <summary>Operations on an instance's pending timers (Camunda Cockpit's "set due date to now").</summary>
public static class TimerEndpoints
{
    public static RouteGroupBuilder MapTimerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instances/{id}/timers").WithTags("Instances");
        group.MapPost("/{bookmarkId}/fire-now", FireNowAsync).RequireAuthorization(Policies.Admin);
        return group;
    }

    /// <summary>
    /// Reschedules the timer's Quartz trigger to now: it then fires through the normal path (the job
    /// resumes the bookmark, the engine decides), so an end-to-end check need not wait out a 7-day timer.
    /// The bookmark's stored due time is left as designed; the journal shows who resumed it and when.
    /// </summary>
    private static async Task<Results<Accepted<TimerFireResponse>, ProblemHttpResult>> FireNowAsync(
        string id, string bookmarkId, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var instance = await engine.Store.LoadInstanceAsync(id, cancellationToken);
        if (instance is null)
        {
            return Problems.NotFound($"No instance '{id}' in your district.");
        }

        var bookmark = instance.FindBookmark(bookmarkId);
        if (bookmark is null || bookmark.Kind != BookmarkKind.Timer || bookmark.DueAt is null)
        {
            return Problems.NotFound($"Instance '{id}' has no pending timer '{bookmarkId}' (it fired already, or the bookmark is not a timer).");
        }

        if (http.RequestServices.GetService<ISchedulerFactory>() is not { } factory)
        {
            return Problems.Conflict("Scheduling is off on this server (FlowGov:Scheduling=false): no timer can fire.");
        }

        var now = clock.GetUtcNow();
        var scheduler = await factory.GetScheduler(cancellationToken);
        await QuartzTimerScheduler.ScheduleAsync(scheduler, [(bookmarkId, now)], cancellationToken);
        AuditTrail.Add(db, me, "timer.fire-now", id, now, bookmarkId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted($"/api/instances/{id}", new TimerFireResponse(id, bookmarkId, bookmark.DueAt.Value, now));
    }
}
