namespace FlowGov.Server.Instances;

public sealed record SignalResponse(int Resumed, IReadOnlyList<string> Instances);
