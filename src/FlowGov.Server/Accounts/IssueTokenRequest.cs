namespace FlowGov.Server.Accounts;

public sealed record IssueTokenRequest(string Name, int? ExpiresInDays);
