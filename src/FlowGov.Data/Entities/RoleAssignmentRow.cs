namespace FlowGov.Data.Entities;

/// <summary>A role a user holds at an org unit; it applies to that unit and every unit below it.</summary>
public sealed class RoleAssignmentRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string District { get; set; }

    public required string UserId { get; set; }

    /// <summary>admin, designer, grid-worker, building-head, community-secretary, department-handler, property-company, owners-committee, supervisor, viewer, or a district's own role name.</summary>
    public required string Role { get; set; }

    public required string OrgUnitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
