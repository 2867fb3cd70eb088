using System.Text.Json;
using FlowGov.Core.Definitions;

namespace FlowGov.CrashDriver;

/// <summary>The definition every crash-test instance runs: a task, a fork into two tasks, a join, a timer and a last task.</summary>
public static class CrashWorkflow
{
    public const string Key = "crash";
    public const string District = "crash-district";
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public static WorkflowDefinition Definition { get; } = new()
    {
        Key = Key,
        Name = "崩溃测试",
        District = District,
        Activities =
        [
            A("start", "Start"),
            A("report", "UserTask", """{"title":"上报","assignee":"w1","due":"PT4H"}"""),
            A("fork", "Fork"),
            A("street", "UserTask", """{"title":"街道","candidateRoles":["street"]}"""),
            A("community", "UserTask", """{"title":"社区","candidateRoles":["community"]}"""),
            A("join", "Join"),
            A("wait", "Delay", """{"duration":"PT1H"}"""),
            A("close", "UserTask", """{"title":"回访"}"""),
            A("end", "End"),
        ],
        Connections =
        [
            C("start", "report"), C("report", "fork", "done"), C("fork", "street"), C("fork", "community"),
            C("street", "join", "done"), C("community", "join", "done"), C("join", "wait"), C("wait", "close"), C("close", "end", "done"),
        ],
    };

    private static ActivityDefinition A(string id, string type, string properties = "{}") => new()
    {
        Id = id,
        Type = type,
        Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(properties)!,
    };

    private static ConnectionDefinition C(string from, string to, string port = Ports.Done) => new() { From = from, To = to, Port = port };
}
