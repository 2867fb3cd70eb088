namespace FlowGov.Core.Org;

/// <summary>An org tree given as child → parent pairs (tests, test runs in the designer).</summary>
public sealed class InMemoryOrgDirectory(IReadOnlyDictionary<string, string> parents) : IOrgDirectory
{
    public string? ParentOf(string unitId) => parents.TryGetValue(unitId, out var p) ? p : null;
}
