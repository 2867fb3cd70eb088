using System.Text.Json;
using FlowGov.Data.Versioning;

namespace FlowGov.Server.Definitions;

public sealed record DraftResponse(string Key, long Revision, JsonElement Definition, DefinitionRef? ForkedFrom);
