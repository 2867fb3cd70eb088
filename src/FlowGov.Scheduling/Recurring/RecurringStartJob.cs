using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FlowGov.Scheduling.Recurring;

/// <summary>
/// A cron trigger fired: start an instance of the LATEST published version of the definition with
/// the trigger's input plus <c>{"firedAt": …}</c> (the scheduled instant, ISO 8601 UTC).
/// </summary>
public sealed class RecurringStartJob(WorkflowEngine engine, ILogger<RecurringStartJob> logger) : IJob
{
    public const string Actor = "system:cron";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        var district = data[RecurringKeys.DistrictKey] as string ?? "";
        var key = data[RecurringKeys.DefinitionKey] as string ?? throw new InvalidOperationException($"Recurring trigger {context.Trigger.Key} carries no definition key.");
        var triggerId = data[RecurringKeys.TriggerIdKey] as string ?? throw new InvalidOperationException($"Recurring trigger {context.Trigger.Key} carries no trigger id.");
        var d = district.Length == 0 ? null : district;
        var definition = await engine.Store.FindDefinitionAsync(d, key, null, cancellationToken).ConfigureAwait(false);
        var trigger = definition?.Triggers.FirstOrDefault(t => t.Id == triggerId && t.Type == "cron");
        if (trigger is null)
        {
            logger.LogWarning("Recurring start {District}/{Key}/{Trigger}: no published version has this trigger any more; skipped.", district, key, triggerId);
            return;
        }

        var input = trigger.Input is { ValueKind: JsonValueKind.Object } i && !i.TryGetProperty("js", out _)
            ? JsonNode.Parse(i.GetRawText())!.AsObject()
            : [];
        input["firedAt"] = context.ScheduledFireTimeUtc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var result = await engine.StartAsync(key, new StartRequest
        {
            District = d,
            Input = JsonSerializer.SerializeToElement(input, RecurringJson.Default.JsonObject),
            StartedBy = Actor,
            BusinessKey = triggerId,
        }, null, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Recurring start {District}/{Key}/{Trigger} → instance {Instance}", district, key, triggerId, result.Instance.Id);
    }
}
