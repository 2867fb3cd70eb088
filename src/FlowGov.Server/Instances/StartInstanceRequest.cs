using System.Text.Json;

namespace FlowGov.Server.Instances;

/// <summary>
/// Starts the latest published version of <see cref="DefinitionKey"/> (or <see cref="Version"/>) with
/// <see cref="Input"/>, on behalf of <see cref="OrgUnit"/> — one of the starter's units; without it, the
/// unit of the starter's first role assignment (as forms see the user).
/// </summary>
public sealed record StartInstanceRequest(string DefinitionKey, int? Version, JsonElement? Input, string? BusinessKey, string? OrgUnit = null);
