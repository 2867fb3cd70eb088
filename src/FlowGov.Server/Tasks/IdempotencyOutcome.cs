namespace FlowGov.Server.Tasks;

public enum IdempotencyOutcome
{
    /// <summary>First use of the key: go ahead, then store the answer.</summary>
    Started,
    /// <summary>The key was used for this request before: answer with the stored response.</summary>
    Replay,
    /// <summary>A request with this key is still running.</summary>
    InProgress,
    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}
