namespace FlowGov.Core.Activities.Flow;

/// <summary>Ends the whole instance at once: every other path is cancelled with its tasks and timers.</summary>
public sealed class TerminateActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Terminate", ActivityCategories.Flow, "终止", "Terminate", "Ends the whole process now, cancelling every open task and timer.",
        [new PropertyDescriptor("reason", PropertyKind.Text, "原因", "Reason")],
        []);

    public override ActivityDescriptor Descriptor => Shape;

    public override ActivityResult Execute(ActivityContext context)
    {
        context.CancelAllOtherTokens();
        return ActivityResult.End;
    }
}
