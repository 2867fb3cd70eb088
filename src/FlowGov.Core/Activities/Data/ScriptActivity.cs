using FlowGov.Core.Scripting;

namespace FlowGov.Core.Activities.Data;

/// <summary>Runs ES5 statements that may change variables (<c>vars.x = …</c>); its return value can be kept.</summary>
public sealed class ScriptActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Script", ActivityCategories.Data, "脚本", "Script", "Runs a script (ES5) that can read and change variables.",
        [
            new PropertyDescriptor("script", PropertyKind.Script, "脚本", "Script") { Required = true, Hint = "vars.score = vars.a + vars.b; return vars.score > 60;" },
            new PropertyDescriptor("resultVariable", PropertyKind.Variable, "结果变量", "Result variable"),
        ],
        [new PortDescriptor("done", "下一步", "Next")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) =>
        new Config(context.Script("script", ScriptKind.Body, required: true), context.Text("resultVariable"));

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<Config>();
        if (!context.TryRun(config.Script!, out var value, out var fault, varsWritable: true))
        {
            return fault;
        }

        if (config.ResultVariable is { } name)
        {
            context.SetVariable(name, value);
        }

        return ActivityResult.Done;
    }

    private sealed record Config(ScriptProperty? Script, string? ResultVariable);
}
