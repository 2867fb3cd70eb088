namespace FlowGov.Core.Org;

/// <summary>The org tree as the engine needs it: escalation (督办) goes to a role at the parent unit.</summary>
public interface IOrgDirectory
{
    /// <summary>An org directory without units: every unit is a root.</summary>
    static IOrgDirectory None { get; } = new InMemoryOrgDirectory(new Dictionary<string, string>());

    /// <summary>The parent of <paramref name="unitId"/>, or null at the root or for an unknown unit.</summary>
    string? ParentOf(string unitId);
}
