namespace FlowGov.Data.Entities;

/// <summary>A district (区): the unit of tenancy. Its key is its own district.</summary>
public sealed class DistrictRow : IDistrictOwned
{
    public required string District { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A disabled district keeps its data but starts nothing by itself: its recurring triggers are removed.</summary>
    public bool Enabled { get; set; } = true;
}
