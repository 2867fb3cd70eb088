namespace FlowGov.Server.Instances;

public sealed record CancelRequest(string? Reason);
