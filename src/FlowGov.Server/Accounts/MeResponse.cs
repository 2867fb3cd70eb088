namespace FlowGov.Server.Accounts;

/// <summary>
/// The signed-in user: who, which district, which roles at which units, and the time zone the district's days
/// are counted in (reports take whole days there, so "today" in the browser must be today there).
/// </summary>
public sealed record MeResponse(string Id, string UserName, string DisplayName, string District, IReadOnlyList<RoleAssignmentResponse> Roles, string TimeZone);
