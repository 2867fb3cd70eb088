using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Validation;

/// <summary>
/// Checks a definition completely and reports every problem at once: what the
/// <see cref="DefinitionCompiler"/> finds (types, ids, connections, ports, properties, durations,
/// scripts) plus naming, variables, reachability, joins that can never fire, and triggers.
/// A definition with any problem can never be published or run.
/// </summary>
public sealed class DefinitionValidator(DefinitionCompiler compiler)
{
    private static readonly string[] VariableTypes = ["string", "number", "boolean", "date", "object", "array", "any"];
    private static readonly string[] TriggerTypes = ["cron", "signal"];

    public ValidationReport Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var compiled = compiler.Compile(definition);
        var problems = new List<DefinitionProblem>(compiled.Problems);
        CheckHeader(definition, problems);
        var declared = CheckVariables(definition, problems);
        CheckActivityProperties(definition, declared, problems);
        var graph = new DefinitionGraph(definition);
        CheckReachability(definition, graph, problems);
        CheckJoins(graph, problems);
        CheckTriggers(definition, problems);
        CheckForms(definition, compiler.Scripts, problems);
        return problems.Count == 0 ? new ValidationReport(problems) { Compiled = compiled.Definition } : new ValidationReport(problems);
    }

    /// <summary>Every form is checked with the forms feature's own validator; its problems are located under <c>forms.KEY</c>.</summary>
    private static void CheckForms(WorkflowDefinition d, IScriptHost scripts, List<DefinitionProblem> problems)
    {
        foreach (var (key, json) in d.Forms)
        {
            foreach (var p in FormDefinitionValidator.Validate(json, scripts, key))
            {
                var path = p.Field.Length == 0 ? $"forms.{key}" : $"forms.{key}.{p.Field}";
                problems.Add(new DefinitionProblem("form-invalid", $"Form '{key}': {p}") { Path = path, Property = p.Property, Line = p.Line, Column = p.Column });
            }
        }
    }

    private static void CheckHeader(WorkflowDefinition d, List<DefinitionProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(d.Key))
        {
            problems.Add(new DefinitionProblem("missing-key", "The definition needs a key, an English identifier such as 'grid-event'.") { Path = "key" });
        }
        else if (!Identifiers.IsKey(d.Key))
        {
            problems.Add(new DefinitionProblem("bad-key", $"The key '{d.Key}' must be lower-case English letters, digits and hyphens, starting with a letter (e.g. 'grid-event').") { Path = "key" });
        }

        if (string.IsNullOrWhiteSpace(d.Name))
        {
            problems.Add(new DefinitionProblem("missing-name", "The definition needs a display name (e.g. 网格事件闭环).") { Path = "name" });
        }
    }

    private static HashSet<string> CheckVariables(WorkflowDefinition d, List<DefinitionProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Variables.Count; i++)
        {
            var v = d.Variables[i];
            var path = $"variables[{i}]";
            if (string.IsNullOrWhiteSpace(v.Name))
            {
                problems.Add(new DefinitionProblem("missing-variable-name", $"Variable #{i + 1} has no name.") { Path = path + ".name" });
            }
            else if (!Identifiers.IsJsIdentifier(v.Name))
            {
                var why = Identifiers.IsReserved(v.Name) ? "it is a reserved word in JavaScript" : "scripts read it as vars.<name>, so it must be a JavaScript identifier (letters, digits, _ or $, not starting with a digit)";
                problems.Add(new DefinitionProblem("bad-variable-name", $"Variable name '{v.Name}' cannot be used: {why}.") { Path = path + ".name" });
            }
            else if (!names.Add(v.Name))
            {
                problems.Add(new DefinitionProblem("duplicate-variable", $"Variable '{v.Name}' is declared more than once.") { Path = path + ".name" });
            }

            if (!VariableTypes.Contains(v.Type))
            {
                problems.Add(new DefinitionProblem("bad-variable-type", $"Variable type '{v.Type}' is not one of {string.Join(", ", VariableTypes)}.") { Path = path + ".type" });
            }
        }

        return names;
    }

    /// <summary>Property names the activity type does not have, and variable properties naming an undeclared variable.</summary>
    private void CheckActivityProperties(WorkflowDefinition d, HashSet<string> declared, List<DefinitionProblem> problems)
    {
        foreach (var a in d.Activities)
        {
            if (string.IsNullOrWhiteSpace(a.Id) || a.Type is null || !compiler.Registry.TryGet(a.Type, out var behavior))
            {
                continue;
            }

            var descriptor = behavior.Descriptor;
            foreach (var (name, value) in a.Properties)
            {
                var property = descriptor.Properties.FirstOrDefault(p => p.Name == name);
                if (property is null)
                {
                    problems.Add(new DefinitionProblem("unknown-property", $"{descriptor.Type} has no property '{name}'; its properties are: {string.Join(", ", descriptor.Properties.Select(p => p.Name))}.")
                    { ActivityId = a.Id, Property = name });
                }
                else if (property.Kind == PropertyKind.Variable && value.ValueKind == JsonValueKind.String && !declared.Contains(value.GetString()!))
                {
                    problems.Add(new DefinitionProblem("undeclared-variable", $"'{name}' names variable '{value.GetString()}', which is not declared in 'variables'.")
                    { ActivityId = a.Id, Property = name });
                }
            }
        }
    }

    private static void CheckReachability(WorkflowDefinition d, DefinitionGraph graph, List<DefinitionProblem> problems)
    {
        if (graph.Starts.Count == 0)
        {
            return; // the compiler reports no-start; everything would be unreachable
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in d.Activities)
        {
            if (!string.IsNullOrWhiteSpace(a.Id) && !graph.Reachable.Contains(a.Id) && reported.Add(a.Id))
            {
                problems.Add(new DefinitionProblem("unreachable", $"Activity '{a.Id}' cannot be reached from the Start activity.") { ActivityId = a.Id });
            }
        }
    }

    private static void CheckJoins(DefinitionGraph graph, List<DefinitionProblem> problems)
    {
        Dictionary<string, HashSet<(string From, string Port)>>? dominators = null;
        foreach (var join in graph.Nodes.Values.Where(a => a.Type == "Join"))
        {
            var mode = join.Properties.TryGetValue("mode", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : JoinModeAll;
            var inbound = graph.In[join.Id].Select(e => (e.From, e.Port)).Distinct().ToList();
            if (mode == JoinModeAll && inbound.Count == 1)
            {
                problems.Add(new DefinitionProblem("join-single-input", $"Join '{join.Id}' waits for all of its inputs but has only one (from '{inbound[0].From}'); connect every parallel path to it, or remove it.")
                { ActivityId = join.Id });
            }
            else if (mode == "count" && join.Properties.TryGetValue("count", out var c) && c.ValueKind == JsonValueKind.Number && c.GetDouble() > inbound.Count)
            {
                problems.Add(new DefinitionProblem("join-count-exceeds-inputs", $"Join '{join.Id}' waits for {c.GetDouble().ToString(CultureInfo.InvariantCulture)} paths but only {inbound.Count} connect to it.")
                { ActivityId = join.Id, Property = "count" });
            }
            else if (mode == JoinModeAll && inbound.Count > 1 && graph.Reachable.Contains(join.Id))
            {
                dominators ??= graph.PortDominators();
                if (FindExclusiveInputs(graph, dominators, inbound) is { } clash)
                {
                    problems.Add(new DefinitionProblem("join-exclusive-inputs",
                        $"Join '{join.Id}' waits for all of its inputs, but the input from '{clash.A}' only comes after '{clash.Gateway}' takes '{clash.PortA}' and the input from '{clash.B}' only after it takes '{clash.PortB}'; "
                        + "only one of those runs, so the join would wait forever. Use mode 'any', or split with a Fork.")
                    { ActivityId = join.Id });
                }
            }
        }
    }

    private const string JoinModeAll = "all";

    private static (string A, string B, string Gateway, string PortA, string PortB)? FindExclusiveInputs(
        DefinitionGraph graph, Dictionary<string, HashSet<(string From, string Port)>> dominators, List<(string From, string Port)> inbound)
    {
        HashSet<(string, string)>? Through((string From, string Port) e) =>
            dominators.TryGetValue(e.From, out var d) ? new HashSet<(string, string)>(d) { e } : null;

        for (var i = 0; i < inbound.Count; i++)
        {
            if (Through(inbound[i]) is not { } first)
            {
                continue;
            }

            for (var j = i + 1; j < inbound.Count; j++)
            {
                if (Through(inbound[j]) is not { } second)
                {
                    continue;
                }

                foreach (var (x, p) in first)
                {
                    foreach (var (y, q) in second)
                    {
                        if (x == y && p != q && AreExclusive(graph.Nodes[x], p, q) && !MayRunTwice(graph, x))
                        {
                            return (inbound[i].From, inbound[j].From, x, p, q);
                        }
                    }
                }
            }
        }

        return null;
    }

    /// <summary>Whether one execution of <paramref name="gateway"/> can never leave by both ports.</summary>
    private static bool AreExclusive(ActivityDefinition gateway, string p, string q) => gateway.Type switch
    {
        "Decision" or "Vote" => true,
        "Switch" => !(gateway.Properties.TryGetValue("mode", out var m) && m.ValueKind == JsonValueKind.String && m.GetString() == "all"),
        "UserTask" => !IsDeadlinePort(p) && !IsDeadlinePort(q),
        _ => false,
    };

    private static bool IsDeadlinePort(string port) => port is Ports.Warning or Ports.Overdue;

    /// <summary>
    /// Whether two tokens may pass <paramref name="id"/> in one scope — it lies on a loop, or after two
    /// paths that run in parallel (a Fork, a port wired to several activities, Switch mode all,
    /// a deadline port beside the task's outcome) before a Join merges them. Then both ports may be taken.
    /// </summary>
    private static bool MayRunTwice(DefinitionGraph graph, string id)
    {
        if (graph.OnCycle(id))
        {
            return true;
        }

        foreach (var (source, edges) in graph.Out)
        {
            var type = graph.Nodes[source].Type;
            for (var i = 0; i < edges.Count; i++)
            {
                for (var j = i + 1; j < edges.Count; j++)
                {
                    var (a, b) = (edges[i], edges[j]);
                    var parallel = a.Port == b.Port
                        || (type == "Switch" && AreExclusive(graph.Nodes[source], a.Port, b.Port) is false)
                        || (type is "UserTask" or "MultiInstanceTask" && (IsDeadlinePort(a.Port) || IsDeadlinePort(b.Port)));
                    if (parallel && a.To != b.To && graph.ReachBeforeJoin(a.To).Contains(id) && graph.ReachBeforeJoin(b.To).Contains(id))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private void CheckTriggers(WorkflowDefinition d, List<DefinitionProblem> problems)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < d.Triggers.Count; i++)
        {
            var t = d.Triggers[i];
            var path = $"triggers[{i}]";
            if (string.IsNullOrWhiteSpace(t.Id))
            {
                problems.Add(new DefinitionProblem("missing-trigger-id", $"Trigger #{i + 1} has no id.") { Path = path + ".id" });
            }
            else if (!ids.Add(t.Id))
            {
                problems.Add(new DefinitionProblem("duplicate-trigger-id", $"Trigger id '{t.Id}' is used more than once.") { Path = path + ".id" });
            }

            switch (t.Type)
            {
                case "cron" when string.IsNullOrWhiteSpace(t.Cron):
                    problems.Add(new DefinitionProblem("missing-cron", "A cron trigger needs a Quartz cron expression (seconds first), e.g. '0 0 9 ? * MON-FRI'.") { Path = path + ".cron", Property = "cron" });
                    break;
                case "cron":
                    if (QuartzCron.Check(t.Cron) is { } error)
                    {
                        problems.Add(new DefinitionProblem("bad-cron", $"'{t.Cron}' is not a Quartz cron expression. {error}") { Path = path + ".cron", Property = "cron" });
                    }

                    break;
                case "signal" when string.IsNullOrWhiteSpace(t.Signal):
                    problems.Add(new DefinitionProblem("missing-signal", "A signal trigger needs the signal's name.") { Path = path + ".signal", Property = "signal" });
                    break;
                case "signal":
                    break;
                default:
                    problems.Add(new DefinitionProblem("bad-trigger-type", $"Trigger type '{t.Type}' is not one of {string.Join(", ", TriggerTypes)}.") { Path = path + ".type", Property = "type" });
                    break;
            }

            CheckTriggerInput(t, path, problems);
        }
    }

    /// <summary>A trigger's input may be a script <c>{"js": "…"}</c>: it must parse, like an activity's.</summary>
    private void CheckTriggerInput(TriggerDefinition t, string path, List<DefinitionProblem> problems)
    {
        if (t.Input is not { ValueKind: JsonValueKind.Object } input || !input.TryGetProperty("js", out var js))
        {
            return;
        }

        if (js.ValueKind != JsonValueKind.String)
        {
            problems.Add(new DefinitionProblem("property-type", "'input.js' must be a script (text).") { Path = path + ".input", Property = "input" });
        }
        else if (string.IsNullOrWhiteSpace(js.GetString()))
        {
            problems.Add(new DefinitionProblem("empty-script", "'input' is an empty script.") { Path = path + ".input", Property = "input" });
        }
        else if (compiler.Scripts.Prepare(js.GetString()!, ScriptKind.Expression) is { Ok: false, Error: { } e })
        {
            problems.Add(new DefinitionProblem("script-syntax", e.Message) { Path = path + ".input", Property = "input", Line = e.Line, Column = e.Column });
        }
    }
}
