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
}
