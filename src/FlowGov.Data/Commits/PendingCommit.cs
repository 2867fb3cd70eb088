using FlowGov.Core.Runtime;

namespace FlowGov.Data.Commits;

/// <summary>
/// One advance waiting to be written: the run result, the revision it was loaded at, its serialized
/// state, and whether its status, version and completion time are still those of that revision.
/// </summary>
internal sealed class PendingCommit(RunResult result, long expectedRevision, string district, string stateJson, bool keepsIndexedColumns, CancellationToken cancellationToken)
{
    public RunResult Result { get; } = result;

    public long ExpectedRevision { get; } = expectedRevision;

    public long NewRevision => ExpectedRevision + 1;

    public string District { get; } = district;

    public string StateJson { get; } = stateJson;

    public bool KeepsIndexedColumns { get; } = keepsIndexedColumns;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Completed by the group-commit writer once the member's transaction is durable (or failed); continuations never run on the writer.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
