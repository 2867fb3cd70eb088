namespace FlowGov.Core.Activities.Human;

/// <summary>The result of a vote: turnout = cast / eligible, approval = approve / cast.</summary>
public sealed record VoteTally(int Eligible, int Cast, int Approve, int Reject, int Abstain, double Turnout, double Approval, bool QuorumMet, bool Passed);
