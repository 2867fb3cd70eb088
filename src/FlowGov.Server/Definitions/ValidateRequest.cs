using System.Text.Json;

namespace FlowGov.Server.Definitions;

public sealed record ValidateRequest(JsonElement Definition);
