namespace FlowGov.Core.Activities.Human;

/// <summary>Ballots of an open vote: one per voter.</summary>
public sealed class VoteState
{
    public int Eligible { get; set; }

    /// <summary>Who may vote, when the vote was given a list; null when only a count of eligible voters is known.</summary>
    public List<string>? Voters { get; set; }

    /// <summary>The quorum computed when the vote opened (a <c>{"js": …}</c> quorum); null when it is a literal of the definition.</summary>
    public double? Quorum { get; set; }

    /// <summary>The threshold computed when the vote opened; null when it is a literal of the definition.</summary>
    public double? Threshold { get; set; }

    public Dictionary<string, string> Ballots { get; init; } = new(StringComparer.Ordinal);
}
