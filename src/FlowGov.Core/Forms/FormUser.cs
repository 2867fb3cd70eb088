namespace FlowGov.Core.Forms;

/// <summary>The acting user as scripts see it (<c>user.id</c>, <c>user.roles</c>, <c>user.unit</c>).</summary>
public sealed record FormUser(string Id, IReadOnlyList<string> Roles, string? Unit = null, string? Name = null);
