namespace FlowGov.Core.Activities.Data;

/// <summary>Sets a variable to a literal or a computed value.</summary>
public sealed class SetVariableActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "SetVariable", ActivityCategories.Data, "设置变量", "Set variable", "Sets a variable to a value or the result of an expression.",
        [
            new PropertyDescriptor("variable", PropertyKind.Variable, "变量", "Variable") { Required = true },
            new PropertyDescriptor("value", PropertyKind.Value, "值", "Value") { Required = true },
        ],
        [new PortDescriptor("done", "下一步", "Next")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) =>
        new Config(context.Text("variable", required: true) ?? "", context.Value("value", required: true));

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<Config>();
        if (!context.TryEvaluate(config.Value, out var value, out var fault))
        {
            return fault;
        }

        context.SetVariable(config.Variable, value);
        return ActivityResult.Done;
    }

    private sealed record Config(string Variable, PropertyValue? Value);
}
