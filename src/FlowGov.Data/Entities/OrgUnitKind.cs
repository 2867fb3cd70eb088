namespace FlowGov.Data.Entities;

/// <summary>Levels of the governance tree, from the city down to a building.</summary>
public enum OrgUnitKind
{
    City,
    District,
    Street,
    Community,
    Grid,
    Building,

    /// <summary>A functional department (市直职能部门: 城管, 住建, 公安 …) that takes tasks dispatched to it; sits under the city.</summary>
    Department,
}
