namespace FlowGov.Server.Accounts;

/// <summary>The signed-in user: who, which district, which roles at which units.</summary>
public sealed record MeResponse(string Id, string UserName, string DisplayName, string District, IReadOnlyList<RoleAssignmentResponse> Roles);
