using System.Text.Json;

using FlowGov.Core.Definitions;

namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>Definitions without scripts (the Jint host lands from branch <c>scripting</c>).</summary>
public static class TestDefinitions
{
    public const string District = "lcx";

    private const string Submit = "done";

    /// <summary>Start → UserTask → End.</summary>
    public static WorkflowDefinition Single(string key = "single", string? district = District) => new()
    {
        Key = key,
        Name = "单任务",
        District = district,
        Activities = [A("start", "Start"), A("task", "UserTask", """{"title":"核实","assignee":"u1"}"""), A("end", "End")],
        Connections = [C("start", "task"), C("task", "end", Submit)],
    };

    /// <summary>Start → report → Fork → (street, community) → Join(all) → Delay PT1H → close → End.</summary>
    public static WorkflowDefinition Parallel(string key = "parallel", string? district = District) => new()
    {
        Key = key,
        Name = "网格事件闭环",
        District = district,
        Activities =
        [
            A("start", "Start"),
            A("report", "UserTask", """{"title":"上报","assignee":"grid-worker-1","due":"PT4H"}"""),
            A("fork", "Fork"),
            A("street", "UserTask", """{"title":"街道处置","candidateRoles":["street-officer"],"candidateUnit":"st-01"}"""),
            A("community", "UserTask", """{"title":"社区核实","candidateRoles":["community-worker"],"priority":2}"""),
            A("join", "Join"),
            A("wait", "Delay", """{"duration":"PT1H"}"""),
            A("close", "UserTask", """{"title":"回访","outcomes":["satisfied","unsatisfied"]}"""),
            A("end", "End"),
        ],
        Connections =
        [
            C("start", "report"),
            C("report", "fork", Submit),
            C("fork", "street"),
            C("fork", "community"),
            C("street", "join", Submit),
            C("community", "join", Submit),
            C("join", "wait"),
            C("wait", "close"),
            C("close", "end", "satisfied"),
            C("close", "report", "unsatisfied"),
        ],
    };

    public static ActivityDefinition A(string id, string type, string properties = "{}") => new()
    {
        Id = id,
        Type = type,
        Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(properties)!,
    };

    public static ConnectionDefinition C(string from, string to, string port = Ports.Done) => new() { From = from, To = to, Port = port };
}
