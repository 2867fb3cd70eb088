namespace FlowGov.Core.Versioning;

/// <summary>
/// What migrating one instance does (<see cref="Actions"/>) or why it cannot (<see cref="Problems"/>);
/// <see cref="Ok"/> is true when there are no problems. A dry run and an applied migration give the same report.
/// </summary>
public sealed record InstanceMigration(string InstanceId, bool Ok, IReadOnlyList<string> Actions, IReadOnlyList<string> Problems)
{
    /// <summary>True once the migration was committed (false for a dry run or a refusal).</summary>
    public bool Applied { get; init; }
}
