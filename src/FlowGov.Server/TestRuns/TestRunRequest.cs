using System.Text.Json;

namespace FlowGov.Server.TestRuns;

/// <summary>The start input (variables) of a draft test run.</summary>
public sealed record TestRunRequest(JsonElement? Input);

/// <summary>The started test instance; <c>GET /api/instances/{id}</c> shows its timeline.</summary>
public sealed record TestRunResponse(string InstanceId, int Version);
