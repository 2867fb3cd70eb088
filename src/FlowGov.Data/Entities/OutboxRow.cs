namespace FlowGov.Data.Entities;

/// <summary>A notification written with the transition that caused it; a dispatcher sends it and stamps <see cref="DispatchedAt"/>.</summary>
public sealed class OutboxRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string InstanceId { get; set; }

    public required string District { get; set; }

    public required string ActivityId { get; set; }

    public required string Channel { get; set; }

    public required string Users { get; set; }

    public required string Roles { get; set; }

    public string? Unit { get; set; }

    public required string Title { get; set; }

    public string? Body { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset At { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }

    public int Attempts { get; set; }
}
