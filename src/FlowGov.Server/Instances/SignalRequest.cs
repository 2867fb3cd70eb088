using System.Text.Json;

namespace FlowGov.Server.Instances;

/// <summary>Delivers <see cref="Signal"/> to every instance of the district waiting for it with <see cref="Correlation"/>.</summary>
public sealed record SignalRequest(string Signal, string Correlation, JsonElement? Payload);
