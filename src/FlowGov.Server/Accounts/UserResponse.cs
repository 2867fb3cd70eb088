namespace FlowGov.Server.Accounts;

public sealed record UserResponse(string Id, string UserName, string DisplayName, bool IsActive, DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, IReadOnlyList<RoleAssignmentResponse> Roles);
