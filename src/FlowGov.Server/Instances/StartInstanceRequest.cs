using System.Text.Json;

namespace FlowGov.Server.Instances;

/// <summary>Starts the latest published version of <see cref="DefinitionKey"/> (or <see cref="Version"/>) with <see cref="Input"/>.</summary>
public sealed record StartInstanceRequest(string DefinitionKey, int? Version, JsonElement? Input, string? BusinessKey);
