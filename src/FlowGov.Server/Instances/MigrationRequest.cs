namespace FlowGov.Server.Instances;

/// <summary>Migrate instances of a definition from one version to another; <see cref="InstanceIds"/> null = every running or faulted instance on <see cref="FromVersion"/>.</summary>
public sealed record MigrationRequest(int FromVersion, int ToVersion, Dictionary<string, string>? ActivityMap, List<string>? InstanceIds);
