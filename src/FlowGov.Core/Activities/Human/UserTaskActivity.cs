using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Human;

/// <summary>
/// Work for one person or role: a task with a form, completed through one of its outcome ports
/// (the form's action buttons: submit, approve, return …), with an optional deadline whose
/// <c>warning</c> and <c>overdue</c> ports fire while the task stays open.
/// </summary>
public sealed class UserTaskActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "UserTask", ActivityCategories.Human, "人工任务", "User task", "A person fills a form; the button they press decides the next step.",
        TaskSettings.Properties,
        [new PortDescriptor(TaskSettings.DefaultOutcome, "完成", "Done"), new PortDescriptor(Ports.Warning, "预警", "Warning"), new PortDescriptor(Ports.Overdue, "超时", "Overdue")])
    { DynamicPorts = true };

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => TaskSettings.Prepare(context);

    public override IReadOnlyList<string> GetPorts(PrepareContext context, object? config) =>
        [.. ((TaskSettings)config!).Outcomes, Ports.Warning, Ports.Overdue];

    public override ActivityResult Execute(ActivityContext context)
    {
        var settings = context.Config<TaskSettings>();
        return settings.TryCreateTask(context, null, null, out _, out var fault) ? ActivityResult.Wait : fault;
    }

    public override ActivityResult Resume(ActivityContext context)
    {
        var bookmark = context.Bookmark!;
        var settings = context.Config<TaskSettings>();
        if (bookmark.Kind == BookmarkKind.Timer)
        {
            return settings.OnDeadline(context, bookmark, (task, outcome) =>
            {
                context.CompleteTask(task, outcome, TaskSettings.TimerActor);
                return ActivityResult.Outcome(outcome);
            });
        }

        var task = bookmark.TaskId is null ? null : context.Instance.FindTask(bookmark.TaskId);
        if (task is null)
        {
            return ActivityResult.Reject($"Task for bookmark {bookmark.Id} is no longer open.");
        }

        var outcome = context.Input.Outcome ?? (settings.Outcomes.Count == 1 ? settings.Outcomes[0] : null);
        if (outcome is null || !settings.Outcomes.Contains(outcome))
        {
            return ActivityResult.Reject($"Task '{task.Title}' must be completed with one of: {string.Join(", ", settings.Outcomes)}; got '{outcome}'.");
        }

        settings.KeepValues(context, context.Input.Data);
        context.CompleteTask(task, outcome, context.Input.Actor);
        return ActivityResult.Outcome(outcome);
    }
}
