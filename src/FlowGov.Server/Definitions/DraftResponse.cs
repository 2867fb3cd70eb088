using System.Text.Json;
using FlowGov.Data.Versioning;

namespace FlowGov.Server.Definitions;

/// <summary>A draft at its revision, and who last changed it when (so a designer sees whose work they would meet).</summary>
public sealed record DraftResponse(string Key, long Revision, JsonElement Definition, DefinitionRef? ForkedFrom, string? UpdatedBy, string? UpdatedByName, DateTimeOffset UpdatedAt);
