namespace FlowGov.Server.Organization;

public sealed record OrgUnitResponse(string Id, string? ParentId, string Kind, string Name);
