namespace FlowGov.Server.Accounts;

public sealed record RoleAssignmentRequest(string Role, string OrgUnitId);
