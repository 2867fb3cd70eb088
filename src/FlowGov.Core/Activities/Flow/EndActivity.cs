using System.Text.Json;

namespace FlowGov.Core.Activities.Flow;

/// <summary>Ends the path that reaches it; the instance completes when no path is left. May set the instance's output.</summary>
public sealed class EndActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "End", ActivityCategories.Flow, "结束", "End", "This path ends here; the process completes when every path has ended.",
        [new PropertyDescriptor("output", PropertyKind.Value, "输出", "Output") { Hint = "Handed to a parent process (sub-process outputs)." }],
        []);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => new Config(context.Value("output"));

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<Config>();
        if (config.Output is not null)
        {
            if (!context.TryEvaluate(config.Output, out var value, out var fault))
            {
                return fault;
            }

            context.Instance.Output = value.ValueKind == JsonValueKind.Undefined ? null : value;
        }

        return ActivityResult.End;
    }

    private sealed record Config(PropertyValue? Output);
}
