using Quartz;

namespace FlowGov.Scheduling.Recurring;

/// <summary>Quartz keys of recurring starts: one cron trigger per (district, definition key, trigger id) on one durable job.</summary>
public static class RecurringKeys
{
    public const string Group = "flowgov-recurring";
    public const string DistrictKey = "district";
    public const string DefinitionKey = "definition";
    public const string TriggerIdKey = "trigger";
    public const string TimeZoneKey = "zone";

    public static JobKey Job { get; } = new("start-instance", Group);

    /// <summary><c>district|key|</c>: the name prefix of one definition's triggers (district "" = city level).</summary>
    public static string Prefix(string district, string? key = null) => key is null ? district + "|" : district + "|" + key + "|";

    public static TriggerKey For(string district, string key, string triggerId) => new(Prefix(district, key) + triggerId, Group);
}
