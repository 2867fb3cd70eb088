using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Activities.Flow;

/// <summary>
/// Chooses among named cases by condition: the first that holds (mode <c>first</c>) or every one
/// that holds, in parallel (mode <c>all</c>); <c>default</c> when none does.
/// </summary>
public sealed class SwitchActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Switch", ActivityCategories.Flow, "多路分支", "Switch", "Routes by the first case whose condition holds (or every case that holds).",
        [
            new PropertyDescriptor("cases", PropertyKind.Cases, "分支", "Cases") { Required = true, Hint = "[{\"port\": \"street\", \"condition\": \"vars.level === 'street'\"}]" },
            new PropertyDescriptor("mode", PropertyKind.Choice, "匹配方式", "Mode") { Options = ["first", "all"] },
        ],
        [new PortDescriptor(Ports.Default, "其他", "Otherwise")])
    { DynamicPorts = true };

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context)
    {
        var cases = new List<(string Port, ScriptProperty? Condition)>();
        var raw = context.Raw("cases");
        if (raw is null)
        {
            context.Missing("cases");
        }
        else if (raw.Value.ValueKind != JsonValueKind.Array || raw.Value.GetArrayLength() == 0)
        {
            context.Problem("property-type", "cases", "'cases' must be a non-empty list of {\"port\", \"condition\"}.");
        }
        else
        {
            var i = 0;
            foreach (var c in raw.Value.EnumerateArray())
            {
                var where = $"cases[{i++}]";
                if (c.ValueKind != JsonValueKind.Object || !c.TryGetProperty("port", out var port) || port.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(port.GetString()))
                {
                    context.Problem("property-type", where, $"'{where}' needs a port name.");
                    continue;
                }

                var name = port.GetString()!;
                if (name == Ports.Default || cases.Any(x => x.Port == name))
                {
                    context.Problem("duplicate-port", where, $"Case port '{name}' is used twice (or is the reserved 'default').");
                    continue;
                }

                ScriptProperty? condition = null;
                if (!c.TryGetProperty("condition", out var cond) || cond.ValueKind != JsonValueKind.String)
                {
                    context.Problem("missing-property", where + ".condition", $"Case '{name}' needs a condition.");
                }
                else
                {
                    condition = context.PrepareScript(where + ".condition", cond.GetString()!, ScriptKind.Expression);
                }

                cases.Add((name, condition));
            }
        }

        return new Config([.. cases], context.Choice("mode", ["first", "all"], "first") == "all");
    }

    public override IReadOnlyList<string> GetPorts(PrepareContext context, object? config) =>
        [.. ((Config)config!).Cases.Select(c => c.Port), Ports.Default];

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<Config>();
        List<string>? matched = null;
        foreach (var (port, condition) in config.Cases)
        {
            if (!context.TryTest(condition!, out var yes, out var fault))
            {
                return fault;
            }

            if (yes)
            {
                if (!config.All)
                {
                    return ActivityResult.Outcome(port);
                }

                (matched ??= []).Add(port);
            }
        }

        return matched is null ? ActivityResult.Outcome(Ports.Default) : ActivityResult.Outcomes(matched);
    }

    private sealed record Config((string Port, ScriptProperty? Condition)[] Cases, bool All);
}
