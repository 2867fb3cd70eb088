namespace FlowGov.Server.Accounts;

public sealed record CreateUserRequest(string UserName, string DisplayName, string Password, IReadOnlyList<RoleAssignmentRequest>? Roles);
