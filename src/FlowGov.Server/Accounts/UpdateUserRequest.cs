namespace FlowGov.Server.Accounts;

/// <summary>Only the members given change; a new password also lifts a lockout.</summary>
public sealed record UpdateUserRequest(string? DisplayName, bool? IsActive, string? Password);
