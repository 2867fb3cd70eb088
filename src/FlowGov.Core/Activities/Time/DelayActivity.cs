using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Time;

/// <summary>
/// Waits for a duration (<c>P7D</c>, <c>PT2H</c>, <c>3WD</c> working days). Stored as a due time, never an in-memory timer.
/// The duration may be computed when the activity runs (<c>{"js": "vars.grade === 'A' ? 'P1M' : 'P3M'"}</c>): a
/// literal is checked when the definition is prepared, a computed one when it runs (a bad value faults naming <c>duration</c>).
/// </summary>
public sealed class DelayActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "Delay", ActivityCategories.Time, "延时", "Delay", "Waits for a while, e.g. 7 days before a follow-up visit.",
        [new PropertyDescriptor("duration", PropertyKind.Duration, "时长", "Duration") { Required = true, Computed = true, Hint = "P7D, PT2H, 3WD (working days), or {\"js\": \"vars.grade === 'A' ? 'P1M' : 'P3M'\"}" }],
        [new PortDescriptor("done", "到时", "Elapsed")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => context.DurationValue("duration", required: true);

    public override ActivityResult Execute(ActivityContext context)
    {
        if (!context.TryEvaluateDuration((PropertyValue)context.Activity.Config!, "duration", out var duration, out var fault))
        {
            return fault;
        }

        context.CreateBookmark(BookmarkKind.Timer, dueAt: duration.AddTo(context.Now, context.Calendar));
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context) => ActivityResult.Done;
}
