using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Scripting;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Turns a definition into a <see cref="CompiledDefinition"/>, collecting every structural problem
/// on the way: unknown types, duplicate or missing ids, dangling connections and ports, no start,
/// bad properties and scripts that do not parse. Graph-level checks live in <see cref="DefinitionValidator"/>.
/// </summary>
public sealed class DefinitionCompiler(ActivityRegistry registry, IScriptHost scripts)
{
    public ActivityRegistry Registry => registry;

    public IScriptHost Scripts => scripts;

    public CompileResult Compile(WorkflowDefinition definition)
    {
        var problems = new List<DefinitionProblem>();
        var compiled = new List<CompiledActivity>(definition.Activities.Count);
        var byId = new Dictionary<string, CompiledActivity>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < definition.Activities.Count; i++)
        {
            var a = definition.Activities[i];
            if (string.IsNullOrWhiteSpace(a.Id))
            {
                problems.Add(new DefinitionProblem("missing-id", $"Activity #{i + 1} ({a.Type}) has no id.") { Path = $"activities[{i}].id" });
                continue;
            }

            if (!seen.Add(a.Id))
            {
                problems.Add(new DefinitionProblem("duplicate-id", $"Activity id '{a.Id}' is used more than once.") { ActivityId = a.Id, Path = $"activities[{i}].id" });
                continue;
            }

            if (!registry.TryGet(a.Type, out var behavior))
            {
                problems.Add(new DefinitionProblem("unknown-activity-type", $"Unknown activity type '{a.Type}'.") { ActivityId = a.Id, Property = "type" });
                continue;
            }

            var ctx = new PrepareContext(definition, a, scripts, problems);
            object? config;
            try
            {
                config = behavior.Prepare(ctx);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or System.Text.Json.JsonException)
            {
                problems.Add(new DefinitionProblem("bad-properties", ex.Message) { ActivityId = a.Id });
                continue;
            }

            var ca = new CompiledActivity(a, behavior, config, behavior.GetPorts(ctx, config));
            compiled.Add(ca);
            byId[a.Id] = ca;
        }

        var outgoing = new Dictionary<string, Dictionary<string, List<CompiledActivity>>>(StringComparer.Ordinal);
        var inbound = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var c = definition.Connections[i];
            var fromOk = byId.TryGetValue(c.From ?? "", out var from);
            var toOk = byId.TryGetValue(c.To ?? "", out var to);
            if (!fromOk && !seen.Contains(c.From ?? ""))
            {
                problems.Add(new DefinitionProblem("connection-unknown-source", $"Connection from '{c.From}' starts at an activity that does not exist.") { ConnectionIndex = i, ActivityId = c.From });
            }

            if (!toOk && !seen.Contains(c.To ?? ""))
            {
                problems.Add(new DefinitionProblem("connection-unknown-target", $"Connection to '{c.To}' ends at an activity that does not exist.") { ConnectionIndex = i, ActivityId = c.To });
            }

            if (from is null || to is null)
            {
                continue;
            }

            var port = string.IsNullOrEmpty(c.Port) ? Ports.Done : c.Port;
            if (!from.Ports.Contains(port))
            {
                problems.Add(new DefinitionProblem("unknown-port", $"Activity '{from.Id}' ({from.Behavior.Type}) has no port '{port}'; its ports are: {string.Join(", ", from.Ports)}.")
                { ConnectionIndex = i, ActivityId = from.Id, Property = "port" });
                continue;
            }

            if (!outgoing.TryGetValue(from.Id, out var ports))
            {
                outgoing[from.Id] = ports = new(StringComparer.Ordinal);
            }

            if (!ports.TryGetValue(port, out var targets))
            {
                ports[port] = targets = [];
            }

            if (!targets.Contains(to))
            {
                targets.Add(to);
            }

            if (!inbound.TryGetValue(to.Id, out var ins))
            {
                inbound[to.Id] = ins = [];
            }

            if (!ins.Contains((from.Id, port)))
            {
                ins.Add((from.Id, port));
            }
        }

        foreach (var ca in compiled)
        {
            var map = new Dictionary<string, CompiledActivity[]>(StringComparer.Ordinal);
            if (outgoing.TryGetValue(ca.Id, out var ports))
            {
                foreach (var (port, targets) in ports)
                {
                    map[port] = [.. targets];
                }
            }

            ca.SetOutgoing(map);
            ca.SetInbound(inbound.TryGetValue(ca.Id, out var ins) ? ins : []);
        }

        var starts = compiled.Where(c => c.Behavior.Descriptor.IsStart).ToList();
        if (starts.Count == 0 && definition.Activities.All(a => a.Type != "Start"))
        {
            problems.Add(new DefinitionProblem("no-start", "The definition has no Start activity.") { Path = "activities" });
        }
        else if (starts.Count > 1)
        {
            foreach (var s in starts.Skip(1))
            {
                problems.Add(new DefinitionProblem("multiple-starts", $"Only one Start activity is allowed; '{starts[0].Id}' is already the start.") { ActivityId = s.Id });
            }
        }

        foreach (var s in starts)
        {
            if (s.Inbound.Count > 0)
            {
                problems.Add(new DefinitionProblem("start-has-inbound", "Nothing may connect into the Start activity.") { ActivityId = s.Id });
            }
        }

        return problems.Count == 0
            ? new CompileResult(new CompiledDefinition(definition, compiled, starts[0]), problems)
            : new CompileResult(null, problems);
    }
}
