namespace FlowGov.Server.Accounts;

/// <summary>
/// The roles of DOMAIN.md. A role is held at an org unit and applies to every unit below it.
/// Frontline staff and handlers come in kinds; tasks name the kind (<c>grid-worker</c>). The seeded
/// processes also offer work to street officers (街道干部), party members (党员) and residents (居民).
/// </summary>
public static class RoleNames
{
    public const string Admin = "admin";
    public const string Designer = "designer";
    public const string GridWorker = "grid-worker";
    public const string BuildingHead = "building-head";
    public const string CommunitySecretary = "community-secretary";
    public const string DepartmentHandler = "department-handler";
    public const string PropertyCompany = "property-company";
    public const string OwnersCommittee = "owners-committee";
    public const string Supervisor = "supervisor";
    public const string StreetOfficer = "street-officer";
    public const string PartyMember = "party-member";
    public const string Resident = "resident";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> Staff { get; } = [GridWorker, BuildingHead, CommunitySecretary];

    public static IReadOnlyList<string> Handlers { get; } = [DepartmentHandler, PropertyCompany, OwnersCommittee];

    public static IReadOnlyList<string> All { get; } = [Admin, Designer, GridWorker, BuildingHead, CommunitySecretary, DepartmentHandler, PropertyCompany, OwnersCommittee, Supervisor, StreetOfficer, PartyMember, Resident, Viewer];

    /// <summary>Role names are lower-case identifiers; districts may add their own (<c>street-office</c>).</summary>
    public static bool IsValid(string? role) => Hosting.Slug.IsValid(role);
}
