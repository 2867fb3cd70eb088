namespace FlowGov.Core.Activities.Human;

/// <summary>Ballots of an open vote: one per voter.</summary>
public sealed class VoteState
{
    public int Eligible { get; set; }

    /// <summary>Who may vote, when the vote was given a list; null when only a count of eligible voters is known.</summary>
    public List<string>? Voters { get; set; }

    public Dictionary<string, string> Ballots { get; init; } = new(StringComparer.Ordinal);
}
