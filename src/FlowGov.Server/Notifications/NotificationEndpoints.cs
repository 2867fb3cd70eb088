using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Notifications;

/// <summary>
/// The current user's notifications: inbox-channel outbox rows (Notify activities, deadline
/// warnings, overdue notices, escalations, nudges) addressed to them directly or to a role they hold
/// at the row's unit or above it. Read state is kept per reader.
/// </summary>
public static class NotificationEndpoints
{
    private const string InboxChannel = "inbox";

    public static RouteGroupBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications");
        group.MapGet("/", ListAsync);
        group.MapGet("/count", CountAsync);
        group.MapPost("/{id}/read", ReadAsync);
        return group;
    }

    private static async Task<Ok<Page<NotificationItem>>> ListAsync(FlowGovDbContext db, CurrentUser me, bool? unreadOnly, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var (p, size) = Paging.Normalize(page, pageSize);
        var mine = await AddressedToMeAsync(db, me, cancellationToken);
        var reads = await ReadsAsync(db, me, cancellationToken);
        var items = mine.Select(n => Item(n, reads.TryGetValue(n.Id, out var at) ? at : null))
            .Where(n => unreadOnly != true || n.ReadAt is null).ToList();
        return TypedResults.Ok(new Page<NotificationItem>([.. items.Skip((p - 1) * size).Take(size)], p, size, items.Count));
    }

    private static async Task<Ok<UnreadCount>> CountAsync(FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var mine = await AddressedToMeAsync(db, me, cancellationToken);
        var reads = await ReadsAsync(db, me, cancellationToken);
        return TypedResults.Ok(new UnreadCount(mine.Count(n => !reads.ContainsKey(n.Id))));
    }

    private static async Task<Results<Ok<NotificationItem>, ProblemHttpResult>> ReadAsync(string id, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var row = await db.Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Channel == InboxChannel, cancellationToken);
        if (row is null || !IsFor(row, me.Id, await me.AccessAsync(cancellationToken)))
        {
            return Problems.NotFound($"No notification '{id}' for you.");
        }

        var userId = me.Id;
        var read = await db.NotificationReads.AsNoTracking().FirstOrDefaultAsync(r => r.NotificationId == id && r.UserId == userId, cancellationToken);
        if (read is null)
        {
            read = new NotificationReadRow { District = me.District, NotificationId = id, UserId = userId, ReadAt = clock.GetUtcNow() };
            db.NotificationReads.Add(read);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Marked read by a parallel request of the same user (unique index): the first stamp stands.
                db.ChangeTracker.Clear();
                read = await db.NotificationReads.AsNoTracking().FirstAsync(r => r.NotificationId == id && r.UserId == userId, cancellationToken);
            }
        }

        return TypedResults.Ok(Item(row, read.ReadAt));
    }

    /// <summary>Rows naming the user or one of their roles, narrowed in the database by pattern and then by where the role is held.</summary>
    private static async Task<List<OutboxRow>> AddressedToMeAsync(FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var access = await me.AccessAsync(cancellationToken);
        var userPattern = Lists.ContainsPattern(me.Id);
        var rows = await db.Outbox.AsNoTracking()
            .Where(o => o.Channel == InboxChannel && EF.Functions.Like(o.Users, userPattern))
            .ToListAsync(cancellationToken);
        foreach (var role in access.Roles)
        {
            var rolePattern = Lists.ContainsPattern(role);
            rows.AddRange(await db.Outbox.AsNoTracking()
                .Where(o => o.Channel == InboxChannel && EF.Functions.Like(o.Roles, rolePattern))
                .ToListAsync(cancellationToken));
        }

        return [.. rows.DistinctBy(o => o.Id).Where(o => IsFor(o, me.Id, access)).OrderByDescending(o => o.At).ThenByDescending(o => o.Id, StringComparer.Ordinal)];
    }

    private static bool IsFor(OutboxRow row, string userId, UserAccess access) =>
        Lists.Split(row.Users).Contains(userId, StringComparer.Ordinal)
        || Lists.Split(row.Roles).Any(role => access.Holds(role, row.Unit));

    private static async Task<Dictionary<string, DateTimeOffset?>> ReadsAsync(FlowGovDbContext db, CurrentUser me, CancellationToken cancellationToken)
    {
        var userId = me.Id;
        var reads = await db.NotificationReads.AsNoTracking().Where(r => r.UserId == userId).Select(r => new { r.NotificationId, r.ReadAt }).ToListAsync(cancellationToken);
        return reads.ToDictionary(r => r.NotificationId, r => (DateTimeOffset?)r.ReadAt, StringComparer.Ordinal);
    }

    private static NotificationItem Item(OutboxRow row, DateTimeOffset? readAt) =>
        new(row.Id, KindOf(row), row.Title, row.Body, row.InstanceId, TaskIdOf(row.Url), row.At, readAt);

    /// <summary>
    /// The engine marks deadline notices by their title prefix (TaskSettings: 【预警】, 【超时】,
    /// 【督办】, 【催办】) and the server's nudge by 催办：; everything else came from a Notify activity.
    /// </summary>
    internal static string KindOf(OutboxRow row) => row.Title switch
    {
        var t when t.StartsWith("【预警】", StringComparison.Ordinal) => "warning",
        var t when t.StartsWith("【超时】", StringComparison.Ordinal) => "overdue",
        var t when t.StartsWith("【督办】", StringComparison.Ordinal) => "escalation",
        var t when t.StartsWith("【催办】", StringComparison.Ordinal) || t.StartsWith("催办：", StringComparison.Ordinal) => "nudge",
        var t when t.StartsWith("【待办】", StringComparison.Ordinal) => "assigned",
        _ => "notify",
    };

    private static string? TaskIdOf(string? url) =>
        url is not null && url.StartsWith("/api/tasks/", StringComparison.Ordinal) ? url["/api/tasks/".Length..] : null;
}
