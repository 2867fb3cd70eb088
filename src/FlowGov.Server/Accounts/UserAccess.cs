using FlowGov.Data.Entities;
using FlowGov.Server.Organization;

namespace FlowGov.Server.Accounts;

/// <summary>The roles a user holds and where: a role held at a unit covers that unit and every unit below it.</summary>
public sealed class UserAccess(string userId, string district, IReadOnlyList<RoleAssignmentRow> assignments, OrgTree tree)
{
    public string UserId => userId;

    public string District => district;

    public IReadOnlyList<RoleAssignmentRow> Assignments => assignments;

    public OrgTree Tree => tree;

    /// <summary>The units the user holds a role at, in the order they were assigned.</summary>
    public IReadOnlyList<string> Units => [.. assignments.Select(a => a.OrgUnitId).Distinct(StringComparer.Ordinal)];

    /// <summary>The user's unit where one is needed and none was named (a start's unit, the form user's unit): their first assignment's.</summary>
    public string? HomeUnit => assignments.Count > 0 ? assignments[0].OrgUnitId : null;

    public IEnumerable<string> Roles => assignments.Select(a => a.Role).Distinct(StringComparer.Ordinal);

    public bool HoldsAnywhere(string role) => assignments.Any(a => a.Role == role);

    /// <summary>True when the user holds <paramref name="role"/> at <paramref name="unit"/> or an ancestor of it; a null unit means "anywhere in the district".</summary>
    public bool Holds(string role, string? unit)
    {
        if (unit is null)
        {
            return HoldsAnywhere(role);
        }

        var above = tree.Contains(unit) ? tree.SelfAndAncestors(unit).ToHashSet(StringComparer.Ordinal) : [unit];
        return assignments.Any(a => a.Role == role && above.Contains(a.OrgUnitId));
    }

    public bool HoldsAny(IEnumerable<string> roles, string? unit) => roles.Any(r => Holds(r, unit));

    public bool IsAdmin => HoldsAnywhere(RoleNames.Admin);

    public bool IsSupervisor => HoldsAnywhere(RoleNames.Supervisor) || IsAdmin;
}
