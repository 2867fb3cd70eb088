namespace FlowGov.Core.Activities;

/// <summary>
/// The behaviour of one activity type. Stateless and shared: per-instance data lives in the
/// instance (variables, activity state), per-definition data in the prepared config returned by
/// <see cref="Prepare"/>.
/// </summary>
public abstract class ActivityBehavior
{
    public abstract ActivityDescriptor Descriptor { get; }

    public string Type => Descriptor.Type;

    /// <summary>Fork-like activities give each outgoing token a new scope that joins can cancel.</summary>
    public virtual bool OpensScope => false;

    /// <summary>
    /// Reads and checks the activity's properties once per published version (scripts parsed,
    /// durations parsed), reporting every problem to <paramref name="context"/>. The returned
    /// object is handed back on every execution.
    /// </summary>
    public virtual object? Prepare(PrepareContext context) => null;

    /// <summary>The ports this activity has with its properties; by default the descriptor's.</summary>
    public virtual IReadOnlyList<string> GetPorts(PrepareContext context, object? config) =>
        [.. Descriptor.Ports.Select(p => p.Name)];

    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>Called when one of the token's bookmarks is resumed.</summary>
    public virtual ActivityResult Resume(ActivityContext context) =>
        ActivityResult.Reject($"Activity type {Type} does not wait, so it cannot be resumed.");
}
