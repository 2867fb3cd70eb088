namespace FlowGov.Core.Definitions;

/// <summary>An arrow from an activity's outcome port to another activity.</summary>
public sealed record ConnectionDefinition
{
    public required string From { get; init; }

    /// <summary>The outcome port of <see cref="From"/>; <c>done</c> when omitted.</summary>
    public string Port { get; init => field = string.IsNullOrEmpty(value) ? Ports.Done : value; } = Ports.Done;

    public required string To { get; init; }
}
