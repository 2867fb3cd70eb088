namespace FlowGov.Server.Tasks;

public sealed record SubmitTaskResponse(string TaskId, string InstanceId, string Outcome, string InstanceStatus, IReadOnlyList<string> NewTasks);
