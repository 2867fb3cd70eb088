namespace FlowGov.Data.Entities;

/// <summary>One journal step; (instance, sequence) is the key, so a step can never be written twice.</summary>
public sealed class JournalRow : IDistrictOwned
{
    public required string InstanceId { get; set; }

    public long Sequence { get; set; }

    public required string District { get; set; }

    public required string Kind { get; set; }

    public string? ActivityId { get; set; }

    public string? ActivityType { get; set; }

    public string? Port { get; set; }

    public string? TokenId { get; set; }

    public string? Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Data { get; set; }

    public string? Message { get; set; }
}
