using FlowGov.Core.Runtime;

namespace FlowGov.Core.Hosting;

/// <summary>
/// Told by <see cref="WorkflowEngine"/> after every successful commit, outside the transaction:
/// the seam where a host schedules the timers a commit created (and unschedules those it removed)
/// only once they are durable. It runs after the commit, so it must not throw for a failure the
/// host can repair later (the scheduler's start-up reconciliation covers a lost call).
/// </summary>
public interface ICommitObserver
{
    ValueTask OnCommittedAsync(RunResult result, CancellationToken cancellationToken);
}
