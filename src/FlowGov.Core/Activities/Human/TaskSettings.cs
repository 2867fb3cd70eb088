using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Time;

namespace FlowGov.Core.Activities.Human;

/// <summary>
/// What UserTask and MultiInstanceTask share: who the task is for, its form, and its deadline with
/// a warning point. Deadlines become timer bookmarks whose ports (<c>warning</c>, <c>overdue</c>)
/// fire without interrupting the task, like BPMN non-interrupting boundary timers; each point may
/// also carry declarative actions (<c>onWarning</c>, <c>onOverdue</c>: notify, escalate, reassign,
/// repeat reminders, close with an outcome).
/// </summary>
internal sealed record TaskSettings(
    PropertyValue? Title,
    string? FormKey,
    IReadOnlyList<string> Outcomes,
    PropertyValue? Assignee,
    PropertyValue? CandidateRoles,
    PropertyValue? CandidateUnit,
    int Priority,
    ProcessDuration? Due,
    PropertyValue? DueAt,
    string? Warning,
    string? OutputVariable,
    DeadlineActions? OnWarning = null,
    DeadlineActions? OnOverdue = null)
{
    /// <summary>Tag of a repeated reminder after the warning point.</summary>
    public const string WarningRepeat = "warning-repeat";

    /// <summary>Tag of a repeated reminder after the deadline.</summary>
    public const string OverdueRepeat = "overdue-repeat";

    /// <summary>Who acts when a deadline action changes or closes a task.</summary>
    public const string TimerActor = "system:timer";

    public static readonly PropertyDescriptor[] Properties =
    [
        new("title", PropertyKind.Value, "任务标题", "Task title"),
        new("formKey", PropertyKind.FormKey, "表单", "Form"),
        new("outcomes", PropertyKind.StringList, "办理结果（默认取表单按钮）", "Outcomes (default: the form's buttons)"),
        new("assignee", PropertyKind.Value, "办理人", "Assignee") { Hint = "a user id, or {\"js\": \"instance.startedBy\"}" },
        new("candidateRoles", PropertyKind.Roles, "候选角色", "Candidate roles") { Hint = "[\"grid-worker\"]" },
        new("candidateUnit", PropertyKind.OrgUnit, "所在组织", "At org unit") { Hint = "{\"js\": \"vars.gridId\"}" },
        new("priority", PropertyKind.Number, "优先级", "Priority"),
        new("due", PropertyKind.Duration, "办理时限", "Deadline") { Hint = "3WD = 3 working days; PT72H = 72 hours" },
        new("dueAt", PropertyKind.Value, "截止时间（表达式）", "Due at (expression)") { Hint = "{\"js\": \"forms.report.deadline\"}" },
        new("warning", PropertyKind.Text, "预警点", "Warning at") { Hint = "2/3 = two thirds of the time; 1WD = one working day before" },
        new("outputVariable", PropertyKind.Variable, "结果变量", "Output variable"),
        new("onWarning", PropertyKind.Json, "预警动作", "At the warning point") { Hint = "{\"notify\": {\"roles\": [\"grid-leader\"]}, \"repeatEvery\": \"P1D\"}" },
        new("onOverdue", PropertyKind.Json, "超时动作（督办）", "When overdue (escalation)") { Hint = "{\"escalateTo\": {\"role\": \"supervisor\", \"unit\": \"parent\"}, \"notify\": {\"assignee\": true}, \"repeatEvery\": \"1WD\"}" },
    ];

    public static TaskSettings Prepare(PrepareContext context)
    {
        var formKey = context.Text("formKey");
        if (formKey is not null && !context.Workflow.Forms.ContainsKey(formKey))
        {
            context.Problem("unknown-form", "formKey", $"Form '{formKey}' is not defined in this process; its forms are: {string.Join(", ", context.Workflow.Forms.Keys)}.");
        }

        var outcomes = ReadOutcomes(context, formKey);
        var warning = context.Text("warning");
        if (warning is not null && !IsFraction(warning, out _) && !ProcessDuration.TryParse(warning, out _))
        {
            context.Problem("bad-duration", "warning", $"'{warning}' is neither a fraction of the time (2/3) nor a duration before the deadline (1WD, PT4H).");
        }

        var due = context.Duration("due");
        var dueAt = context.Value("dueAt");
        if (warning is not null && due is null && dueAt is null)
        {
            context.Problem("missing-property", "due", "A warning point needs a deadline ('due' or 'dueAt').");
        }

        var onWarning = DeadlineActions.Read(context, "onWarning", outcomes);
        if (onWarning is not null && warning is null)
        {
            context.Problem("missing-property", "warning", "'onWarning' needs a warning point ('warning').");
        }

        var onOverdue = DeadlineActions.Read(context, "onOverdue", outcomes);
        if (onOverdue is not null && due is null && dueAt is null)
        {
            context.Problem("missing-property", "due", "'onOverdue' needs a deadline ('due' or 'dueAt').");
        }

        return new TaskSettings(
            context.Value("title"), formKey, outcomes, context.Value("assignee"), context.Value("candidateRoles"), context.Value("candidateUnit"),
            (int)(context.Number("priority") ?? 0), due, dueAt, warning, context.Text("outputVariable"), onWarning, onOverdue);
    }

    private static IReadOnlyList<string> ReadOutcomes(PrepareContext context, string? formKey)
    {
        if (context.Raw("outcomes") is { ValueKind: JsonValueKind.Array } list)
        {
            var names = JsonValues.ToStringList(list);
            if (names.Count == 0)
            {
                context.Problem("property-type", "outcomes", "'outcomes' must list at least one port name.");
            }

            return names.Count == 0 ? [DefaultOutcome] : names;
        }

        if (formKey is not null && context.Workflow.Forms.TryGetValue(formKey, out var form)
            && form.ValueKind == JsonValueKind.Object && form.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
        {
            var keys = actions.EnumerateArray()
                .Select(a => a.ValueKind == JsonValueKind.Object && a.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null)
                .OfType<string>().Distinct().ToList();
            if (keys.Count > 0)
            {
                return keys;
            }
        }

        return [DefaultOutcome];
    }

    /// <summary>The outcome of a task whose form declares no action buttons: the same <c>done</c> port every activity has.</summary>
    public const string DefaultOutcome = Ports.Done;

    public static bool IsFraction(string text, out double fraction)
    {
        fraction = 0;
        var parts = text.Split('/');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) && b > 0 && a > 0 && a < b)
        {
            fraction = a / b;
            return true;
        }

        return false;
    }

    /// <summary>Creates one task with its bookmark and deadline timers; returns a fault on script failure.</summary>
    public bool TryCreateTask(ActivityContext context, JsonElement? item, int? index, out HumanTask task, out ActivityResult fault)
    {
        task = null!;
        IReadOnlyDictionary<string, JsonElement>? extra = item is { } it
            ? new Dictionary<string, JsonElement> { ["item"] = it, ["index"] = JsonSerializer.SerializeToElement(index ?? 0, EngineJson.Default.Int32) }
            : null;
        if (!context.TryEvaluate(Title, out var title, out fault, extra)
            || !context.TryEvaluate(Assignee, out var assignee, out fault, extra)
            || !context.TryEvaluate(CandidateRoles, out var roles, out fault, extra)
            || !context.TryEvaluate(CandidateUnit, out var unit, out fault, extra)
            || !context.TryEvaluate(DueAt, out var dueAtValue, out fault, extra))
        {
            return false;
        }

        DateTimeOffset? dueAt = null;
        if (Due is { } d)
        {
            dueAt = d.AddTo(context.Now, context.Calendar);
        }
        else if (DueAt is not null)
        {
            if (!JsonValues.TryGetInstant(dueAtValue, out var at))
            {
                fault = ActivityResult.Fault($"'dueAt' must give an ISO 8601 date and time; it gave {dueAtValue.GetRawText()}.", "dueAt");
                return false;
            }

            dueAt = at;
        }

        DateTimeOffset? warnAt = null;
        if (dueAt is { } due && Warning is { } w)
        {
            warnAt = IsFraction(w, out var f)
                ? context.Now + ((due - context.Now) * f)
                : ProcessDuration.Parse(w) is var before && before.IsWorkdays
                    ? context.Calendar.AddWorkdays(due, -before.Workdays)
                    : due - (before.AddTo(context.Now, context.Calendar) - context.Now);
        }

        var taskId = context.NewId();
        var bookmarkId = context.NewId();
        var assigneeText = JsonValues.ToText(assignee);
        task = new HumanTask
        {
            Id = taskId,
            InstanceId = context.Instance.Id,
            ActivityId = context.Activity.Id,
            BookmarkId = bookmarkId,
            DefinitionKey = context.Instance.DefinitionKey,
            DefinitionVersion = context.Instance.DefinitionVersion,
            District = context.Instance.District,
            Title = JsonValues.ToText(title) ?? context.Activity.Definition.Name ?? context.Activity.Id,
            FormKey = FormKey,
            Outcomes = Outcomes,
            Assignee = assigneeText,
            CandidateRoles = JsonValues.ToStringList(roles),
            CandidateUnit = JsonValues.ToText(unit),
            Priority = Priority,
            CreatedAt = context.Now,
            DueAt = dueAt,
            WarnAt = warnAt,
            Status = HumanTaskStatus.Open,
            Item = item,
            ItemIndex = index,
        };
        context.CreateBookmark(BookmarkKind.Task, taskId: taskId, id: bookmarkId);
        context.AddTask(task);
        if (warnAt is { } wa && wa > context.Now)
        {
            context.CreateBookmark(BookmarkKind.Timer, dueAt: wa, taskId: null, tag: Ports.Warning, data: JsonSerializer.SerializeToElement(taskId, EngineJson.Default.String));
        }

        if (dueAt is { } da)
        {
            context.CreateBookmark(BookmarkKind.Timer, dueAt: da, taskId: null, tag: Ports.Overdue, data: JsonSerializer.SerializeToElement(taskId, EngineJson.Default.String));
        }

        return true;
    }

    /// <summary>
    /// A deadline timer of one of the token's tasks fired: mark the task, run the point's actions and
    /// fire the port without leaving — or, with <c>autoOutcome</c>, close the task through
    /// <paramref name="complete"/> (the activity's own completion, so a multi-instance rule still applies).
    /// A repeated reminder only notifies and schedules the next one.
    /// </summary>
    public ActivityResult OnDeadline(ActivityContext context, Bookmark timer, Func<HumanTask, string, ActivityResult> complete)
    {
        var taskId = timer.Data is { ValueKind: JsonValueKind.String } d ? d.GetString() : null;
        var task = taskId is null ? null : context.Instance.FindTask(taskId);
        var repeat = timer.Tag is WarningRepeat or OverdueRepeat;
        if (repeat)
        {
            // Reminders stop with the task, and warning reminders stop once the task is overdue.
            var actions = timer.Tag == WarningRepeat ? OnWarning : OnOverdue;
            if (task is not null && actions is not null && !(timer.Tag == WarningRepeat && task.DeadlineState >= DeadlineState.Overdue))
            {
                if (actions.Notify is { } again)
                {
                    Notify(context, task, again, "【催办】");
                }

                ScheduleRepeat(context, task, actions, timer.Tag!);
            }

            return ActivityResult.Wait;
        }

        if (task is not null)
        {
            var overdue = timer.Tag == Ports.Overdue;
            var state = overdue ? DeadlineState.Overdue : DeadlineState.Warned;
            if (state > task.DeadlineState)
            {
                task.DeadlineState = state;
                context.TaskChanged(task);
            }

            if ((overdue ? OnOverdue : OnWarning) is { } actions)
            {
                if (!TryApply(context, task, actions, overdue, out var fault))
                {
                    return fault;
                }

                if (actions.AutoOutcome is { } outcome)
                {
                    return complete(task, outcome);
                }
            }
        }

        return ActivityResult.Emit(timer.Tag!);
    }

    private static bool TryApply(ActivityContext context, HumanTask task, DeadlineActions actions, bool overdue, out ActivityResult fault)
    {
        fault = default;

        // Notify first: "assignee" means whoever had the task when the point was reached.
        if (actions.Notify is { } notify)
        {
            Notify(context, task, notify, overdue ? "【超时】" : "【预警】");
        }

        if (actions.EscalateRole is { } role)
        {
            var unit = actions.EscalateUnit switch
            {
                DeadlineActions.ParentUnit => task.CandidateUnit is { } current ? context.Org.ParentOf(current) ?? current : null,
                DeadlineActions.SameUnit => task.CandidateUnit,
                var literal => literal,
            };
            task.CandidateRoles = [role];
            task.CandidateUnit = unit;
            task.Assignee = null;
            context.TaskChanged(task);
            context.Notify(new Notification
            {
                Id = context.NewId(),
                InstanceId = context.Instance.Id,
                ActivityId = context.Activity.Id,
                Roles = [role],
                Unit = unit,
                Title = "【督办】" + task.Title,
                Body = DueText(task),
                At = context.Now,
            });
        }

        if (actions.ReassignTo is { } reassign)
        {
            if (!context.TryEvaluate(reassign, out var who, out fault))
            {
                return false;
            }

            if (JsonValues.ToText(who) is { Length: > 0 } assignee)
            {
                task.Assignee = assignee;
                context.TaskChanged(task);
            }
        }

        if (actions.AutoOutcome is null && actions.RepeatEvery is not null)
        {
            ScheduleRepeat(context, task, actions, overdue ? OverdueRepeat : WarningRepeat);
        }

        return true;
    }

    private static void ScheduleRepeat(ActivityContext context, HumanTask task, DeadlineActions actions, string tag)
    {
        var next = actions.RepeatEvery!.Value.AddTo(context.Now, context.Calendar);
        context.CreateBookmark(BookmarkKind.Timer, dueAt: next, taskId: null, tag: tag, data: JsonSerializer.SerializeToElement(task.Id, EngineJson.Default.String));
    }

    private static void Notify(ActivityContext context, HumanTask task, NotifyTarget target, string prefix)
    {
        var users = target.Assignee && task.Assignee is { } a ? [.. target.Users, a] : target.Users;
        context.Notify(new Notification
        {
            Id = context.NewId(),
            InstanceId = context.Instance.Id,
            ActivityId = context.Activity.Id,
            Users = [.. users.Distinct(StringComparer.Ordinal)],
            Roles = target.Roles,
            Unit = target.Unit switch
            {
                null or DeadlineActions.SameUnit => task.CandidateUnit,
                DeadlineActions.ParentUnit => task.CandidateUnit is { } u ? context.Org.ParentOf(u) ?? u : null,
                var literal => literal,
            },
            Title = prefix + task.Title,
            Body = DueText(task),
            At = context.Now,
        });
    }

    private static string? DueText(HumanTask task) =>
        task.DueAt is { } due ? "办理时限 " + due.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture) : null;

    /// <summary>Stores submitted values where the process and its scripts can see them.</summary>
    public void KeepValues(ActivityContext context, JsonElement? values)
    {
        if (values is not { } v || v.ValueKind == JsonValueKind.Undefined)
        {
            return;
        }

        if (FormKey is not null)
        {
            context.SetForm(FormKey, v);
        }

        if (OutputVariable is not null)
        {
            context.SetVariable(OutputVariable, v);
        }
    }
}
