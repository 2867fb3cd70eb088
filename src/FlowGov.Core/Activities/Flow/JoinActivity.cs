namespace FlowGov.Core.Activities.Flow;

/// <summary>
/// Merges parallel paths: waits for all inbound connections, any one, or N of them. When it fires
/// before every path arrived (any / N-of-M) it cancels the paths of its fork scope that are still
/// running, with their tasks and timers, unless told not to.
/// </summary>
public sealed class JoinActivity : ActivityBehavior
{
    public const string All = "all";
    public const string Any = "any";
    public const string Count = "count";

    private static readonly ActivityDescriptor Shape = new(
        "Join", ActivityCategories.Flow, "汇聚", "Join", "Waits for parallel paths: all of them, any one, or N of them.",
        [
            new PropertyDescriptor("mode", PropertyKind.Choice, "汇聚方式", "Mode") { Options = [All, Any, Count] },
            new PropertyDescriptor("count", PropertyKind.Number, "需到达数 N", "N (count mode)"),
            new PropertyDescriptor("cancelRemaining", PropertyKind.Boolean, "取消其余分支", "Cancel remaining paths"),
        ],
        [new PortDescriptor("done", "继续", "Continue")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context)
    {
        var mode = context.Choice("mode", [All, Any, Count], All)!;
        var count = 0;
        if (mode == Count)
        {
            var n = context.Number("count", required: true, min: 1);
            count = (int)(n ?? 1);
        }

        return new JoinConfig(mode, count, context.Boolean("cancelRemaining", true));
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<JoinConfig>();
        var inbound = context.Activity.Inbound.Count;
        var required = config.Mode switch
        {
            All => inbound,
            Any => 1,
            _ => Math.Min(config.Count, Math.Max(inbound, 1)),
        };

        var scope = context.Token.InnermostScope;
        if (required <= 1 && config.Mode != All)
        {
            return Fire(context, config, scope, null);
        }

        var key = string.Concat("join:", context.Activity.Id, ":", scope);
        if (!context.TryGetState(key, EngineJson.Default.ListString, out var arrived))
        {
            arrived = [];
        }

        var via = string.Concat(context.Token.From, "|", context.Token.FromPort);
        if (!arrived.Contains(via))
        {
            arrived.Add(via);
        }

        if (arrived.Count >= required)
        {
            return Fire(context, config, scope, key);
        }

        context.SetState(key, arrived, EngineJson.Default.ListString);
        return ActivityResult.Absorb;
    }

    private static ActivityResult Fire(ActivityContext context, JoinConfig config, string scope, string? key)
    {
        if (key is not null)
        {
            context.ClearState(key);
        }

        if (scope.Length > 0)
        {
            if (config.Mode != All && config.CancelRemaining)
            {
                context.CancelScope(scope);
            }

            context.LeaveScope(scope);
        }

        return ActivityResult.Done;
    }

    internal sealed record JoinConfig(string Mode, int Count, bool CancelRemaining);
}
