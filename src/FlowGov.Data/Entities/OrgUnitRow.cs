namespace FlowGov.Data.Entities;

/// <summary>A node of the org tree (street 街道, community 社区, grid 网格 …); <see cref="ParentId"/> is null at the root.</summary>
public sealed class OrgUnitRow : IDistrictOwned
{
    public required string Id { get; set; }

    public required string District { get; set; }

    public string? ParentId { get; set; }

    public OrgUnitKind Kind { get; set; }

    public required string Name { get; set; }
}
