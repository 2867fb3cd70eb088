using System.Text.Json;

namespace FlowGov.Core.Definitions;

/// <summary>How instances start besides a manual start: <c>cron</c> (recurring) or <c>signal</c>.</summary>
public sealed record TriggerDefinition
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    /// <summary>Quartz cron expression for <c>cron</c> triggers (seconds first), in the district's time zone.</summary>
    public string? Cron { get; init; }

    /// <summary>Signal name for <c>signal</c> triggers.</summary>
    public string? Signal { get; init; }

    /// <summary>Input given to each started instance; may be a script object <c>{"js": "…"}</c>.</summary>
    public JsonElement? Input { get; init; }
}
