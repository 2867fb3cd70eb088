namespace FlowGov.Core.Activities.Flow;

/// <summary>Starts every outgoing path in parallel, in a new scope that a Join can later close.</summary>
public sealed class ForkActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Fork", ActivityCategories.Flow, "并行分支", "Fork", "Runs every connected path at the same time.",
        [],
        [new PortDescriptor("done", "各分支", "Branches")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override bool OpensScope => true;

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
