using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Core.Time;

namespace FlowGov.Core.Activities.Human;

/// <summary>
/// Collects one ballot per voter until everyone voted or the vote closes, then decides by quorum
/// (turnout) and threshold (approval among ballots cast): e.g. ≥ 2/3 turnout and ≥ 90% approval
/// for a residents' parking plan.
/// </summary>
public sealed class VoteActivity : ActivityBehavior
{
    public const string Passed = "passed";
    public const string Failed = "failed";
    public const string Approve = "approve";
    public const string RejectChoice = "reject";
    public const string Abstain = "abstain";

    private static readonly ActivityDescriptor Shape = new(
        "Vote", ActivityCategories.Human, "表决", "Vote", "Collects approve/reject/abstain ballots and decides by turnout and approval.",
        [
            new PropertyDescriptor("voters", PropertyKind.Value, "表决人", "Voters") { Hint = "{\"js\": \"vars.households\"} — a list of ids" },
            new PropertyDescriptor("eligible", PropertyKind.Value, "应参与人数", "Eligible voters") { Hint = "when there is no list: a number" },
            new PropertyDescriptor("closeAfter", PropertyKind.Duration, "表决期限", "Closes after"),
            new PropertyDescriptor("closesAt", PropertyKind.Value, "截止时间", "Closes at") { Hint = "{\"js\": \"forms.plan.closesAt\"}" },
            new PropertyDescriptor("quorum", PropertyKind.Number, "参与率下限", "Quorum (turnout ≥)") { Computed = true, Hint = "0.6667 = two thirds, or {\"js\": \"forms.plan.quorum\"}" },
            new PropertyDescriptor("threshold", PropertyKind.Number, "通过率下限", "Threshold (approval ≥)") { Computed = true, Hint = "0.9 = 90%, or {\"js\": \"forms.plan.threshold\"}" },
            new PropertyDescriptor("resultVariable", PropertyKind.Variable, "结果变量", "Result variable"),
        ],
        [new PortDescriptor(Passed, "通过", "Passed"), new PortDescriptor(Failed, "未通过", "Failed")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context)
    {
        var voters = context.Value("voters");
        var eligible = context.Value("eligible");
        if (voters is null && eligible is null)
        {
            context.Problem("missing-property", "voters", "A vote needs 'voters' (a list) or 'eligible' (a number).");
        }

        var closeAfter = context.Duration("closeAfter");
        var closesAt = context.Value("closesAt");
        return new Config(voters, eligible, closeAfter, closesAt,
            context.NumberValue("quorum", min: 0, max: 1), context.NumberValue("threshold", min: 0, max: 1), context.Text("resultVariable"));
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (!context.TryEvaluate(c.Voters, out var votersValue, out var fault)
            || !context.TryEvaluate(c.Eligible, out var eligibleValue, out fault)
            || !context.TryEvaluate(c.ClosesAt, out var closesAtValue, out fault))
        {
            return fault;
        }

        var state = new VoteState();
        if (!Rule(context, c.Quorum, "quorum", DefaultQuorum, out var quorum, out fault)
            || !Rule(context, c.Threshold, "threshold", DefaultThreshold, out var threshold, out fault))
        {
            return fault;
        }

        // Computed rules are fixed when the vote opens, so later changes to the plan cannot move the bar.
        state.Quorum = c.Quorum?.IsScript == true ? quorum : null;
        state.Threshold = c.Threshold?.IsScript == true ? threshold : null;
        if (c.Voters is not null)
        {
            state.Voters = [.. JsonValues.ToStringList(votersValue).Distinct()];
            state.Eligible = state.Voters.Count;
        }
        else if (eligibleValue.ValueKind == JsonValueKind.Number && eligibleValue.TryGetInt32(out var n) && n > 0)
        {
            state.Eligible = n;
        }

        if (state.Eligible <= 0)
        {
            return ActivityResult.Fault("The vote has no eligible voters.", c.Voters is null ? "eligible" : "voters");
        }

        DateTimeOffset? closes = null;
        if (c.CloseAfter is { } d)
        {
            closes = d.AddTo(context.Now, context.Calendar);
        }
        else if (c.ClosesAt is not null)
        {
            if (!JsonValues.TryGetInstant(closesAtValue, out var at))
            {
                return ActivityResult.Fault($"'closesAt' must give an ISO 8601 date and time; it gave {closesAtValue.GetRawText()}.", "closesAt");
            }

            closes = at;
        }

        context.SetState(context.TokenStateKey, state, EngineJson.Default.VoteState);
        context.CreateBookmark(BookmarkKind.Vote, reusable: true);
        if (closes is { } due)
        {
            context.CreateBookmark(BookmarkKind.Timer, dueAt: due, tag: "close");
        }

        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context)
    {
        var c = context.Config<Config>();
        if (!context.TryGetState(context.TokenStateKey, EngineJson.Default.VoteState, out var state))
        {
            return ActivityResult.Reject("This vote has no ballot box.");
        }

        if (context.Bookmark!.Kind == BookmarkKind.Timer)
        {
            return Close(context, c, state);
        }

        var voter = context.Input.Actor;
        var choice = context.Input.Outcome;
        if (string.IsNullOrEmpty(voter))
        {
            return ActivityResult.Reject("A ballot must say who votes.");
        }

        if (choice is not (Approve or RejectChoice or Abstain))
        {
            return ActivityResult.Reject($"A ballot must be approve, reject or abstain; got '{choice}'.");
        }

        if (state.Voters is not null && !state.Voters.Contains(voter))
        {
            return ActivityResult.Reject($"'{voter}' is not one of this vote's voters.");
        }

        if (state.Ballots.ContainsKey(voter))
        {
            return ActivityResult.Reject($"'{voter}' has already voted.");
        }

        if (state.Ballots.Count >= state.Eligible)
        {
            return ActivityResult.Reject("Every eligible voter has already voted.");
        }

        state.Ballots[voter] = choice;
        if (state.Ballots.Count >= state.Eligible)
        {
            return Close(context, c, state);
        }

        context.SetState(context.TokenStateKey, state, EngineJson.Default.VoteState);
        return ActivityResult.Wait;
    }

    public static VoteTally Tally(int eligible, IEnumerable<string> ballots, double quorum, double threshold)
    {
        int approve = 0, reject = 0, abstain = 0;
        foreach (var b in ballots)
        {
            switch (b)
            {
                case Approve: approve++; break;
                case RejectChoice: reject++; break;
                default: abstain++; break;
            }
        }

        var cast = approve + reject + abstain;
        var turnout = eligible == 0 ? 0 : (double)cast / eligible;
        var approval = cast == 0 ? 0 : (double)approve / cast;

        // A small tolerance so "2/3" written as 0.6667 still accepts exactly two thirds.
        const double epsilon = 1e-4;
        var quorumMet = turnout + epsilon >= quorum;
        return new VoteTally(eligible, cast, approve, reject, abstain, turnout, approval, quorumMet, quorumMet && cast > 0 && approval + epsilon >= threshold);
    }

    private const double DefaultQuorum = 0;
    private const double DefaultThreshold = 0.5;

    private static bool Rule(ActivityContext context, PropertyValue? property, string name, double defaultValue, out double value, out ActivityResult fault)
    {
        fault = default;
        value = defaultValue;
        return property is null || context.TryEvaluateNumber(property, name, 0, 1, out value, out fault);
    }

    private static ActivityResult Close(ActivityContext context, Config c, VoteState state)
    {
        var quorum = state.Quorum ?? (c.Quorum?.Literal is { } q ? q.GetDouble() : DefaultQuorum);
        var threshold = state.Threshold ?? (c.Threshold?.Literal is { } t ? t.GetDouble() : DefaultThreshold);
        var tally = Tally(state.Eligible, state.Ballots.Values, quorum, threshold);
        if (c.ResultVariable is { } name)
        {
            context.SetVariable(name, JsonSerializer.SerializeToElement(tally, EngineJson.Default.VoteTally));
        }

        return ActivityResult.Outcome(tally.Passed ? Passed : Failed);
    }

    private sealed record Config(PropertyValue? Voters, PropertyValue? Eligible, ProcessDuration? CloseAfter, PropertyValue? ClosesAt, PropertyValue? Quorum, PropertyValue? Threshold, string? ResultVariable);
}
