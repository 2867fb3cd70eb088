using System.Text.Json;
using FlowGov.Core.Definitions;

namespace FlowGov.Core.Tests.Support;

/// <summary>Builds definitions in tests: activities with anonymous-object properties, and connections.</summary>
internal sealed class FlowBuilder(string key, int version = 1)
{
    private readonly List<ActivityDefinition> _activities = [];
    private readonly List<ConnectionDefinition> _connections = [];
    private readonly List<VariableDefinition> _variables = [];
    private readonly Dictionary<string, JsonElement> _forms = [];
    private string? _district;

    public FlowBuilder District(string district)
    {
        _district = district;
        return this;
    }

    public FlowBuilder Add(string id, string type, object? properties = null)
    {
        var props = properties is null
            ? new Dictionary<string, JsonElement>()
            : JsonSerializer.SerializeToElement(properties).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        _activities.Add(new ActivityDefinition { Id = id, Type = type, Properties = props, Name = id });
        return this;
    }

    public FlowBuilder Connect(string from, string to, string port = Ports.Done)
    {
        _connections.Add(new ConnectionDefinition { From = from, To = to, Port = port });
        return this;
    }

    /// <summary>Connects a chain: a → b → c on the done port.</summary>
    public FlowBuilder Chain(params string[] ids)
    {
        for (var i = 0; i + 1 < ids.Length; i++)
        {
            Connect(ids[i], ids[i + 1]);
        }

        return this;
    }

    public FlowBuilder Variable(string name, object? defaultValue = null)
    {
        _variables.Add(new VariableDefinition { Name = name, Default = defaultValue is null ? null : JsonSerializer.SerializeToElement(defaultValue) });
        return this;
    }

    public FlowBuilder Form(string key, string json)
    {
        _forms[key] = JsonDocument.Parse(json).RootElement.Clone();
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        Key = key,
        Name = key,
        Version = version,
        District = _district,
        Activities = [.. _activities],
        Connections = [.. _connections],
        Variables = [.. _variables],
        Forms = new Dictionary<string, JsonElement>(_forms),
        ContentHash = $"test-{key}-{version}",
    };
}
