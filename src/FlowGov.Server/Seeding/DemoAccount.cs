namespace FlowGov.Server.Seeding;

/// <summary>A demo account created on first start: user name, display name, role and the org unit it is held at.</summary>
public sealed record DemoAccount(string UserName, string DisplayName, string Role, string OrgUnitId, string District);
