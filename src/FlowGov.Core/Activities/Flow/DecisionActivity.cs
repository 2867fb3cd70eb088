using FlowGov.Core.Definitions;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Activities.Flow;

/// <summary>Takes the <c>true</c> or <c>false</c> port by a condition.</summary>
public sealed class DecisionActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Decision", ActivityCategories.Flow, "条件判断", "Decision", "Goes one way when the condition holds, the other when it does not.",
        [new PropertyDescriptor("condition", PropertyKind.Expression, "条件", "Condition") { Required = true, Hint = "e.g. vars.level === 'big'" }],
        [new PortDescriptor(Ports.True, "是", "Yes"), new PortDescriptor(Ports.False, "否", "No")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => context.Script("condition", ScriptKind.Expression, required: true);

    public override ActivityResult Execute(ActivityContext context)
    {
        var condition = (ScriptProperty)context.Activity.Config!;
        return context.TryTest(condition, out var yes, out var fault)
            ? (yes ? ActivityResult.Outcome(Ports.True) : ActivityResult.Outcome(Ports.False))
            : fault;
    }
}
