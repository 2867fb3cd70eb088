using System.Globalization;
using System.Text.Json;
using FlowGov.Core;
using FlowGov.Data;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Recurring;

/// <summary>
/// Keeps Quartz's cron triggers equal to the <c>cron</c> triggers of the latest published version of
/// each definition of each enabled district. The server calls <see cref="SyncDefinitionAsync"/> after
/// publish, rollback and retire, and <see cref="SyncDistrictAsync"/> after enabling or disabling a
/// district; start-up calls <see cref="SyncAllAsync"/>. Idempotent: a trigger whose version, cron
/// and time zone are unchanged is left alone (so its pending misfire is not lost).
/// </summary>
public sealed class TriggerSync(ISchedulerFactory factory, FlowGovDatabase database, SchedulingOptions options, ILogger<TriggerSync> logger)
{
    /// <summary>Brings one definition's triggers up to date; returns how many cron triggers it has now.</summary>
    public async Task<int> SyncDefinitionAsync(string? district, string key, CancellationToken cancellationToken = default)
    {
        var d = district ?? "";
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var wanted = await WantedAsync(d, key, cancellationToken).ConfigureAwait(false);
        return await ApplyAsync(scheduler, RecurringKeys.Prefix(d, key), wanted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>All definitions of a district (after it was enabled or disabled).</summary>
    public async Task<int> SyncDistrictAsync(string district, CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var wanted = new List<Wanted>();
        foreach (var key in await KeysAsync(district, cancellationToken).ConfigureAwait(false))
        {
            wanted.AddRange(await WantedAsync(district, key, cancellationToken).ConfigureAwait(false));
        }

        return await ApplyAsync(scheduler, RecurringKeys.Prefix(district), wanted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every district (start-up): also removes triggers of districts and definitions that are gone.</summary>
    public async Task<int> SyncAllAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        var pairs = await db.Definitions.AsNoTracking().Where(x => x.Status == DefinitionStatus.Published)
            .Select(x => new { x.District, x.Key }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        var wanted = new List<Wanted>();
        foreach (var p in pairs)
        {
            wanted.AddRange(await WantedAsync(p.District, p.Key, cancellationToken).ConfigureAwait(false));
        }

        return await ApplyAsync(scheduler, "", wanted, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ApplyAsync(IScheduler scheduler, string prefix, List<Wanted> wanted, CancellationToken cancellationToken)
    {
        var existing = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var skip = 0; ; skip += 500)
        {
            var page = await scheduler.QueryTriggers(new TriggerQuery { Group = GroupMatcher<TriggerKey>.GroupEquals(RecurringKeys.Group), Skip = skip, Take = 500 }, cancellationToken).ConfigureAwait(false);
            foreach (var t in page.Items.Where(t => t.Key.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                existing[t.Key.Name] = t.Description;
            }

            if (!page.HasMore)
            {
                break;
            }
        }

        var changed = wanted.Where(w => !existing.TryGetValue(w.Key.Name, out var description) || description != w.Description)
            .Select(w => Trigger(w)).ToList();
        if (changed.Count > 0)
        {
            await scheduler.ScheduleJob(StartJob(), changed, ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }
        else if (wanted.Count > 0 && await scheduler.GetJobDetail(RecurringKeys.Job, cancellationToken).ConfigureAwait(false) is { RequestsRecovery: false })
        {
            // A job stored before it requested recovery (its triggers unchanged since).
            await scheduler.AddJob(StartJob(), AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }

        var names = wanted.Select(w => w.Key.Name).ToHashSet(StringComparer.Ordinal);
        var stale = existing.Keys.Where(n => !names.Contains(n)).Select(n => new TriggerKey(n, RecurringKeys.Group)).ToList();
        if (stale.Count > 0)
        {
            await scheduler.UnscheduleJobs(stale, cancellationToken).ConfigureAwait(false);
        }

        if (changed.Count > 0 || stale.Count > 0)
        {
            logger.LogInformation("Recurring starts under '{Prefix}': {Changed} scheduled or replaced, {Stale} removed, {Total} active.", prefix, changed.Count, stale.Count, wanted.Count);
        }

        return wanted.Count;
    }

    /// <summary>The cron triggers the latest published version asks for; none when the district is disabled or every version is retired.</summary>
    private async Task<List<Wanted>> WantedAsync(string district, string key, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        if (district.Length > 0 && await db.Districts.AsNoTracking().AnyAsync(x => x.District == district && !x.Enabled, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var row = await db.Definitions.AsNoTracking()
            .Where(x => x.District == district && x.Key == key && x.Status == DefinitionStatus.Published)
            .OrderByDescending(x => x.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return [];
        }

        var definition = JsonSerializer.Deserialize(row.ContentJson, EngineJson.Default.WorkflowDefinition)!;
        var crons = definition.Triggers.Where(t => t.Type == "cron" && !string.IsNullOrWhiteSpace(t.Cron)).ToList();
        if (crons.Count == 0)
        {
            return [];
        }

        var zone = await db.Calendars.AsNoTracking().Where(c => c.District == district || c.District == "")
            .OrderByDescending(c => c.District == district).Select(c => c.TimeZone).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? options.DefaultTimeZone;
        return [.. crons.Select(t => new Wanted(
            RecurringKeys.For(district, key, t.Id), district, key, t.Id, t.Cron!, zone,
            string.Create(CultureInfo.InvariantCulture, $"v{row.Version}|{t.Cron}|{zone}")))];
    }

    private async Task<List<string>> KeysAsync(string district, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await db.Definitions.AsNoTracking().Where(x => x.District == district && x.Version > 0)
            .Select(x => x.Key).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The one durable job every recurring trigger fires. It requests recovery: when a clustered node
    /// dies while starting, another node runs the same fire again. A fire time starts at most one
    /// instance (its business key), so recovery never starts a campaign twice.
    /// </summary>
    public static IJobDetail StartJob() =>
        JobBuilder.Create<RecurringStartJob>().WithIdentity(RecurringKeys.Job).StoreDurably(true).RequestRecovery(true).Build();

    private static ITrigger Trigger(Wanted w) =>
        TriggerBuilder.Create(TimeProvider.System)
            .WithIdentity(w.Key)
            .ForJob(RecurringKeys.Job)
            .WithDescription(w.Description)
            .UsingJobData(RecurringKeys.DistrictKey, w.District)
            .UsingJobData(RecurringKeys.DefinitionKey, w.DefinitionKey)
            .UsingJobData(RecurringKeys.TriggerIdKey, w.TriggerId)
            .UsingJobData(RecurringKeys.TimeZoneKey, w.TimeZone)
            .WithSchedule(CronScheduleBuilder.Create(w.Cron)
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(w.TimeZone))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartNow()
            .Build();

    private sealed record Wanted(TriggerKey Key, string District, string DefinitionKey, string TriggerId, string Cron, string TimeZone, string Description);
}
