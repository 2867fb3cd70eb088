using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;

namespace FlowGov.Scheduling.Host;

/// <summary>Counts instances reaching Completed and signals when <see cref="Target"/> is reached: what tests wait on instead of sleeping.</summary>
public sealed class CompletionCounter : ICommitObserver
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _completed;

    public int Target { get; set; } = int.MaxValue;

    public int Completed => Volatile.Read(ref _completed);

    public Task Reached => _reached.Task;

    public ValueTask OnCommittedAsync(RunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.StatusChanged && result.Instance.Status == InstanceStatus.Completed && Interlocked.Increment(ref _completed) >= Target)
        {
            _reached.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }
}
