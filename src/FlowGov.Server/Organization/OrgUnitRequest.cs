namespace FlowGov.Server.Organization;

/// <summary>Create: all members; rename: only <see cref="Name"/>. <see cref="Kind"/> is street, community, grid or building.</summary>
public sealed record OrgUnitRequest(string? Id, string? ParentId, string? Kind, string Name);
