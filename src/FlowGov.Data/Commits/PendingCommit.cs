using FlowGov.Core.Runtime;

namespace FlowGov.Data.Commits;

/// <summary>
/// One advance waiting to be written: the run result, the revision it was loaded at, and the rows
/// planned from them (<see cref="CommitWriter.Plan"/>).
/// </summary>
internal sealed class PendingCommit(RunResult result, long expectedRevision, AdvanceWrites writes, CancellationToken cancellationToken)
{
    public RunResult Result { get; } = result;

    public long ExpectedRevision { get; } = expectedRevision;

    public AdvanceWrites Writes { get; } = writes;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Completed by the group-commit writer once the member's transaction is durable (or failed); continuations never run on the writer.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
