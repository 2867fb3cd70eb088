using System.Text.Json;
using FlowGov.Core.Definitions;

namespace FlowGov.Scheduling.Host;

/// <summary>Definitions the scheduling tests and the restart driver use.</summary>
public static class TimerWorkflows
{
    /// <summary>start → wait (a timer until <c>vars.at</c>) → end.</summary>
    public static WorkflowDefinition WaitUntil(string key = "timer") => new()
    {
        Key = key,
        Name = key,
        Version = 1,
        Variables = [new VariableDefinition { Name = "at" }],
        Activities =
        [
            Activity("start", "Start"),
            Activity("wait", "WaitUntil", new { until = new { js = "vars.at" } }),
            Activity("end", "End"),
        ],
        Connections =
        [
            new ConnectionDefinition { From = "start", To = "wait", Port = Ports.Done },
            new ConnectionDefinition { From = "wait", To = "end", Port = Ports.Done },
        ],
    };

    public static ActivityDefinition Activity(string id, string type, object? properties = null) => new()
    {
        Id = id,
        Type = type,
        Name = id,
        Properties = properties is null
            ? []
            : JsonSerializer.SerializeToElement(properties).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
    };
}
