namespace FlowGov.Core.Runtime;

/// <summary>
/// A point of control in a flowchart instance. Tokens move along connections; parallel paths are
/// separate tokens. <see cref="Scopes"/> records the forks a token descends from, so a join can
/// cancel the branches it no longer needs.
/// </summary>
public sealed class Token
{
    public required string Id { get; init; }

    public required string ActivityId { get; set; }

    public TokenStatus Status { get; set; }

    /// <summary>The activity it arrived from (joins count arrivals per inbound connection).</summary>
    public string? From { get; set; }

    /// <summary>The port of <see cref="From"/> it arrived by.</summary>
    public string? FromPort { get; set; }

    /// <summary>Fork activations this token descends from, outermost first; null when none.</summary>
    public List<string>? Scopes { get; set; }

    internal string InnermostScope => Scopes is { Count: > 0 } s ? s[^1] : "";
}
