namespace FlowGov.Data.Retention;

/// <summary>What happens to a district's finished (completed or cancelled) instances once they are older than <see cref="Days"/> days.</summary>
public sealed record RetentionPolicy(string District, int Days, RetentionAction Action);

public enum RetentionAction
{
    /// <summary>Rows removed; only the audit log remembers the instance.</summary>
    Delete,

    /// <summary>Written to a JSON Lines file under the data directory, then removed (ADR 0017).</summary>
    Archive,
}
