using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>
/// One step of an instance's history: what ran, which port it took, who acted and with what data
/// (size-capped). The instance viewer, audit and dashboards read these.
/// </summary>
public sealed class JournalEntry
{
    public long Sequence { get; init; }

    public required string InstanceId { get; init; }

    public JournalKind Kind { get; init; }

    public string? ActivityId { get; init; }

    public string? ActivityType { get; init; }

    /// <summary>Port taken, or several joined by commas.</summary>
    public string? Port { get; init; }

    public string? TokenId { get; init; }

    public DateTimeOffset At { get; init; }

    public string? Actor { get; init; }

    /// <summary>Input or submitted data, truncated to <see cref="RunnerOptions.JournalDataLimit"/> characters of JSON.</summary>
    public string? Data { get; init; }

    public string? Message { get; init; }

    internal static string? Cap(JsonElement? data, int limit)
    {
        if (data is not { } d || d.ValueKind is JsonValueKind.Undefined)
        {
            return null;
        }

        var text = d.GetRawText();
        return text.Length <= limit ? text : string.Concat(text.AsSpan(0, limit), "…");
    }
}
