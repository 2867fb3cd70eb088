using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Activities.Human;

/// <summary>
/// One task per item of a list computed at run time — the five fixed parties plus the N
/// departments of a "5+N" mediation. Completes when all, the first, N, or a condition's worth of
/// tasks are done; the rest are cancelled; every answer is gathered into a variable.
/// </summary>
public sealed class MultiInstanceTaskActivity : ActivityBehavior
{
    public const string All = "all";
    public const string First = "first";
    public const string Count = "count";
    public const string Condition = "condition";

    private static readonly ActivityDescriptor Shape = new(
        "MultiInstanceTask", ActivityCategories.Human, "多人任务", "Multi-instance task", "One task per item (party, department…), finishing by a completion rule.",
        [
            new PropertyDescriptor("items", PropertyKind.Expression, "任务对象列表", "Items") { Required = true, Hint = "vars.parties.concat(vars.departments)" },
            new PropertyDescriptor("completion", PropertyKind.Choice, "完成规则", "Completion rule") { Options = [All, First, Count, Condition] },
            new PropertyDescriptor("count", PropertyKind.Number, "需完成数 N", "N (count rule)"),
            new PropertyDescriptor("completionCondition", PropertyKind.Expression, "完成条件", "Completion condition") { Hint = "completed >= total - 1 (sees results, completed, total)" },
            new PropertyDescriptor("resultVariable", PropertyKind.Variable, "汇总变量", "Results variable"),
            .. TaskSettings.Properties,
        ],
        [new PortDescriptor(Ports.Done, "完成", "Done"), new PortDescriptor(Ports.Warning, "预警", "Warning"), new PortDescriptor(Ports.Overdue, "超时", "Overdue")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context)
    {
        var completion = context.Choice("completion", [All, First, Count, Condition], All)!;
        var count = completion == Count ? (int)(context.Number("count", required: true, min: 1) ?? 1) : 0;
        var condition = context.Script("completionCondition", ScriptKind.Expression, required: completion == Condition);
        return new Config(context.Script("items", ScriptKind.Expression, required: true), completion, count, condition, context.Text("resultVariable"), TaskSettings.Prepare(context));
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (!context.TryRun(c.Items!, out var items, out var fault))
        {
            return fault;
        }

        if (items.ValueKind != JsonValueKind.Array)
        {
            return ActivityResult.Fault($"'items' must give a list; it gave {items.ValueKind.ToString().ToLowerInvariant()}.", "items");
        }

        var state = new MultiInstanceState { Total = items.GetArrayLength() };
        if (state.Total == 0)
        {
            Finish(context, c, state);
            return ActivityResult.Done;
        }

        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (!c.Task.TryCreateTask(context, item.Clone(), i++, out _, out fault))
            {
                return fault;
            }
        }

        context.SetState(context.TokenStateKey, state, EngineJson.Default.MultiInstanceState);
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context)
    {
        var bookmark = context.Bookmark!;
        var c = context.Config<Config>();
        if (bookmark.Kind == BookmarkKind.Timer)
        {
            return c.Task.OnDeadline(context, bookmark, (task, outcome) => CompleteOne(context, c, task, outcome, TaskSettings.TimerActor, null));
        }

        var task = bookmark.TaskId is null ? null : context.Instance.FindTask(bookmark.TaskId);
        if (task is null)
        {
            return ActivityResult.Reject($"Task for bookmark {bookmark.Id} is no longer open.");
        }

        var outcome = context.Input.Outcome ?? c.Task.Outcomes[0];
        if (!c.Task.Outcomes.Contains(outcome))
        {
            return ActivityResult.Reject($"Task '{task.Title}' must be completed with one of: {string.Join(", ", c.Task.Outcomes)}; got '{outcome}'.");
        }

        return CompleteOne(context, c, task, outcome, context.Input.Actor, context.Input.Data);
    }

    /// <summary>One item's task is done (by a person, or by a deadline's <c>autoOutcome</c>): record it and apply the completion rule.</summary>
    private static ActivityResult CompleteOne(ActivityContext context, Config c, HumanTask task, string outcome, string? actor, JsonElement? data)
    {
        if (!context.TryGetState(context.TokenStateKey, EngineJson.Default.MultiInstanceState, out var state))
        {
            state = new MultiInstanceState { Total = 1 };
        }

        state.Results.Add(new MultiInstanceResult(task.ItemIndex ?? 0, task.Item, outcome, actor, data, context.Now));
        state.Completed++;
        context.CompleteTask(task, outcome, actor);

        bool done;
        switch (c.Completion)
        {
            case First:
                done = true;
                break;
            case Count:
                done = state.Completed >= Math.Min(c.Count, state.Total);
                break;
            case Condition:
                var extra = new Dictionary<string, JsonElement>
                {
                    ["results"] = JsonSerializer.SerializeToElement(state.Results, EngineJson.Default.ListMultiInstanceResult),
                    ["completed"] = JsonSerializer.SerializeToElement(state.Completed, EngineJson.Default.Int32),
                    ["total"] = JsonSerializer.SerializeToElement(state.Total, EngineJson.Default.Int32),
                };
                if (!context.TryTest(c.CompletionCondition!, out done, out var fault, extra))
                {
                    return fault;
                }

                done |= state.Completed >= state.Total;
                break;
            default:
                done = state.Completed >= state.Total;
                break;
        }

        if (done)
        {
            Finish(context, c, state);
            return ActivityResult.Done;
        }

        context.SetState(context.TokenStateKey, state, EngineJson.Default.MultiInstanceState);
        return ActivityResult.Wait;
    }

    private static void Finish(ActivityContext context, Config c, MultiInstanceState state)
    {
        if (c.ResultVariable is { } name)
        {
            var ordered = state.Results.OrderBy(r => r.Index).ToList();
            context.SetVariable(name, JsonSerializer.SerializeToElement(ordered, EngineJson.Default.ListMultiInstanceResult));
        }
    }

    private sealed record Config(ScriptProperty? Items, string Completion, int Count, ScriptProperty? CompletionCondition, string? ResultVariable, TaskSettings Task);
}
