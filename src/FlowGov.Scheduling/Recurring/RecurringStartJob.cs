using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Recurring;

/// <summary>
/// A cron trigger fired: start an instance of the LATEST published version of the definition. Its
/// input is the trigger's <c>input</c> — a JSON object, or a script <c>{"js": "…"}</c> run by the one
/// script host with <c>input</c> = the fire facts — plus <c>firedAt</c>. The fire facts are
/// <c>firedAt</c> (the scheduled instant, ISO 8601 UTC) and, in the district's time zone,
/// <c>date</c>, <c>year</c>, <c>month</c>, <c>quarter</c> and <c>season</c> (春/夏/秋/冬 by quarter, as
/// 一季一品 campaigns name them).
/// </summary>
/// <remarks>
/// One scheduled fire time starts at most one instance: the business key is
/// <c>triggerId@firedAt</c> and a fire whose key already has an instance is skipped — so a fire that
/// Quartz repeats after a crash between the start's commit and its own completion is harmless. Two
/// runs of the same fire at once both pass that check; the unique index
/// <c>UX_instances_recurring_start</c> (migration 0007) refuses the second commit, and that run then
/// answers with the first run's instance.
/// </remarks>
public sealed class RecurringStartJob(WorkflowEngine engine, FlowGovDatabase database, IScriptHost scripts, ILogger<RecurringStartJob> logger) : IJob
{
    public const string Actor = FlowGovDbContext.RecurringStartActor;

    private static readonly string[] Seasons = ["春", "夏", "秋", "冬"];

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var district = data[RecurringKeys.DistrictKey] as string ?? "";
        var key = data[RecurringKeys.DefinitionKey] as string ?? throw new InvalidOperationException($"Recurring trigger {context.Trigger.Key} carries no definition key.");
        var triggerId = data[RecurringKeys.TriggerIdKey] as string ?? throw new InvalidOperationException($"Recurring trigger {context.Trigger.Key} carries no trigger id.");
        var zone = data.TryGetValue(RecurringKeys.TimeZoneKey, out var z) && z is string s ? s : null;
        await StartAsync(district, key, triggerId, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, zone, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the instance of one fire time; returns its id, or the id of the instance an earlier run of the same fire time started, or null when nothing could start.</summary>
    public async Task<string?> StartAsync(string district, string key, string triggerId, DateTimeOffset firedAt, string? timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(district);
        var d = district.Length == 0 ? null : district;
        var businessKey = BusinessKey(triggerId, firedAt);
        if (await EarlierStartAsync(district, key, businessKey, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            logger.LogInformation("Recurring start {District}/{Key}/{Trigger} at {FiredAt}: instance {Instance} already started for this fire time; skipped.", district, key, triggerId, firedAt, earlier);
            return earlier;
        }

        var definition = await engine.Store.FindDefinitionAsync(d, key, null, cancellationToken).ConfigureAwait(false);
        var trigger = definition?.Triggers.FirstOrDefault(t => t.Id == triggerId && t.Type == "cron");
        if (trigger is null)
        {
            logger.LogWarning("Recurring start {District}/{Key}/{Trigger}: no published version has this trigger any more; skipped.", district, key, triggerId);
            return null;
        }

        var facts = Facts(firedAt, ZoneOrDefault(timeZone));
        var input = Input(trigger, facts, out var error);
        if (input is null)
        {
            logger.LogError("Recurring start {District}/{Key}/{Trigger}: its input script failed ({Error}); nothing started.", district, key, triggerId, error);
            return null;
        }

        input["firedAt"] = facts["firedAt"]!.DeepClone();
        RunResult result;
        try
        {
            result = await engine.StartAsync(key, new StartRequest
            {
                District = d,
                Input = JsonSerializer.SerializeToElement(input, RecurringJson.Default.JsonObject),
                StartedBy = Actor,
                BusinessKey = businessKey,
            }, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store's failure on a refused insert differs by provider and path (alone or group
            // commit); what matters is whether this fire time has its instance now.
            if (await EarlierStartAsync(district, key, businessKey, cancellationToken).ConfigureAwait(false) is { } concurrent)
            {
                logger.LogInformation("Recurring start {District}/{Key}/{Trigger} at {FiredAt}: a concurrent run started instance {Instance} for this fire time; this one was refused.", district, key, triggerId, firedAt, concurrent);
                return concurrent;
            }

            throw;
        }

        logger.LogInformation("Recurring start {District}/{Key}/{Trigger} at {FiredAt} → instance {Instance}", district, key, triggerId, firedAt, result.Instance.Id);
        return result.Instance.Id;
    }

    private async Task<string?> EarlierStartAsync(string district, string key, string businessKey, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await db.Instances.AsNoTracking()
            .Where(i => i.District == district && i.DefinitionKey == key && i.BusinessKey == businessKey && i.StartedBy == Actor)
            .Select(i => i.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>triggerId@2026-01-01T00:00:00.0000000+00:00</c>: what makes a repeated fire of the same time recognisable.</summary>
    public static string BusinessKey(string triggerId, DateTimeOffset firedAt) =>
        triggerId + "@" + firedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The fire facts a trigger's input script sees as <c>input</c>.</summary>
    public static JsonObject Facts(DateTimeOffset firedAt, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(firedAt, zone);
        var quarter = ((local.Month - 1) / 3) + 1;
        return new JsonObject
        {
            ["firedAt"] = firedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            ["date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["year"] = local.Year,
            ["month"] = local.Month,
            ["quarter"] = quarter,
            ["season"] = Seasons[quarter - 1],
        };
    }

    private JsonObject? Input(TriggerDefinition trigger, JsonObject facts, out string? error)
    {
        error = null;
        if (trigger.Input is not { ValueKind: JsonValueKind.Object } i)
        {
            return [];
        }

        if (!i.TryGetProperty("js", out var js))
        {
            return JsonNode.Parse(i.GetRawText())!.AsObject();
        }

        var source = js.GetString() ?? "";
        var prepared = scripts.Prepare(source, ScriptKind.Expression);
        if (!prepared.Ok)
        {
            error = Describe(prepared.Error);
            return null;
        }

        var run = scripts.Run(prepared.Script!, new ScriptScope
        {
            Input = JsonSerializer.SerializeToElement(facts, RecurringJson.Default.JsonObject),
            Now = DateTimeOffset.Parse(facts["firedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        });
        if (!run.Ok)
        {
            error = Describe(run.Error);
            return null;
        }

        if (run.Value.ValueKind != JsonValueKind.Object)
        {
            error = $"the script must give an object, it gave {run.Value.ValueKind}";
            return null;
        }

        return JsonNode.Parse(run.Value.GetRawText())!.AsObject();
    }

    private static string Describe(ScriptError? e) =>
        e is null ? "unknown" : e.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line}: {e.Message}") : e.Message;

    private static TimeZoneInfo ZoneOrDefault(string? id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrEmpty(id) ? "Asia/Shanghai" : id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
    }
}
