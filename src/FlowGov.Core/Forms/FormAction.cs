namespace FlowGov.Core.Forms;

/// <summary>
/// An action button. <see cref="Key"/> is the outcome port of the user task it completes
/// (e.g. <c>submit</c>, <c>approve</c>, <c>return</c>, <c>reject</c>). <see cref="Validate"/> false
/// (e.g. for "return") skips the required checks and field rules: the values are still cleaned.
/// </summary>
public sealed record FormAction
{
    public required string Key { get; init; }

    public required string Label { get; init; }

    /// <summary>primary, default, danger or link; a hint for the renderer.</summary>
    public string Style { get; init; } = "default";

    public bool Validate { get; init; } = true;

    /// <summary>Optional confirmation prompt the renderer shows before submitting.</summary>
    public string? Confirm { get; init; }
}
