using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Time;

/// <summary>Waits until an instant computed at run time (e.g. the closing date of a consultation from its form).</summary>
public sealed class WaitUntilActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "WaitUntil", ActivityCategories.Time, "等待至", "Wait until", "Waits until a date and time; goes on at once if it has passed.",
        [new PropertyDescriptor("until", PropertyKind.Value, "时间", "Until") { Required = true, Hint = "{\"js\": \"forms.plan.closesAt\"} or an ISO date" }],
        [new PortDescriptor("done", "到时", "Reached")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => context.Value("until", required: true);

    public override ActivityResult Execute(ActivityContext context)
    {
        if (!context.TryEvaluate((PropertyValue)context.Activity.Config!, out var value, out var fault))
        {
            return fault;
        }

        if (!JsonValues.TryGetInstant(value, out var due))
        {
            return ActivityResult.Fault($"'until' must give an ISO 8601 date and time; it gave {value.GetRawText()}.", "until");
        }

        if (due <= context.Now)
        {
            return ActivityResult.Done;
        }

        context.CreateBookmark(BookmarkKind.Timer, dueAt: due);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context) => ActivityResult.Done;
}
