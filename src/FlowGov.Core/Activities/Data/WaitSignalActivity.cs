using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Data;

/// <summary>Waits for an external event by name and correlation key (e.g. <c>payment-confirmed</c> for case 2026-0042).</summary>
public sealed class WaitSignalActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "WaitSignal", ActivityCategories.Data, "等待信号", "Wait for signal", "Waits until an external system sends the named signal for this case.",
        [
            new PropertyDescriptor("signal", PropertyKind.Text, "信号名", "Signal name") { Required = true },
            new PropertyDescriptor("correlation", PropertyKind.Value, "关联键", "Correlation key") { Hint = "{\"js\": \"vars.caseNo\"}; empty = instance id" },
            new PropertyDescriptor("resultVariable", PropertyKind.Variable, "结果变量", "Result variable"),
        ],
        [new PortDescriptor("done", "收到", "Received")]);

    public override ActivityDescriptor Descriptor => Shape;

    public static string KeyOf(string signal, string correlation) => string.Concat(signal, ":", correlation);

    public override object? Prepare(PrepareContext context) =>
        new Config(context.Text("signal", required: true) ?? "", context.Value("correlation"), context.Text("resultVariable"));

    public override ActivityResult Execute(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (!context.TryEvaluate(c.Correlation, out var correlation, out var fault))
        {
            return fault;
        }

        var key = KeyOf(c.Signal, JsonValues.ToText(correlation) ?? context.Instance.Id);
        context.CreateBookmark(BookmarkKind.Signal, key: key);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (c.ResultVariable is { } name && context.Input.Data is { } data)
        {
            context.SetVariable(name, data);
        }

        return ActivityResult.Done;
    }

    private sealed record Config(string Signal, PropertyValue? Correlation, string? ResultVariable);
}
