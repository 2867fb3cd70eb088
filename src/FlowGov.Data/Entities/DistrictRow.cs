namespace FlowGov.Data.Entities;

/// <summary>A district (区): the unit of tenancy. Its key is its own district.</summary>
public sealed class DistrictRow : IDistrictOwned
{
    public required string District { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
