namespace FlowGov.Core.Activities.Flow;

/// <summary>Where every instance begins.</summary>
public sealed class StartActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Start", ActivityCategories.Flow, "开始", "Start", "The process starts here.",
        [],
        [new PortDescriptor("done", "下一步", "Next")])
    { IsStart = true };

    public override ActivityDescriptor Descriptor => Shape;

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
}
