namespace FlowGov.Server.Accounts;

public sealed record RoleAssignmentResponse(long Id, string Role, string OrgUnitId, string? OrgUnitName);
