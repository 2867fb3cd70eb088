using FlowGov.Core.Runtime;
using FlowGov.Core.Time;

namespace FlowGov.Core.Activities.Time;

/// <summary>Waits for a duration (<c>P7D</c>, <c>PT2H</c>, <c>3WD</c> working days). Stored as a due time, never an in-memory timer.</summary>
public sealed class DelayActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Delay", ActivityCategories.Time, "延时", "Delay", "Waits for a while, e.g. 7 days before a follow-up visit.",
        [new PropertyDescriptor("duration", PropertyKind.Duration, "时长", "Duration") { Required = true, Hint = "P7D, PT2H, 3WD (working days)" }],
        [new PortDescriptor("done", "到时", "Elapsed")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => context.Duration("duration", required: true) is { } d ? new Config(d) : null;

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = context.Config<Config>().Duration.AddTo(context.Now, context.Calendar);
        context.CreateBookmark(BookmarkKind.Timer, dueAt: due);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context) => ActivityResult.Done;

    private sealed record Config(ProcessDuration Duration);
}
