using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;

namespace FlowGov.Scheduling.Host;

/// <summary>Tells several observers, in order.</summary>
public sealed class CompositeObserver(params ICommitObserver[] observers) : ICommitObserver
{
    public async ValueTask OnCommittedAsync(RunResult result, CancellationToken cancellationToken)
    {
        foreach (var o in observers)
        {
            await o.OnCommittedAsync(result, cancellationToken).ConfigureAwait(false);
        }
    }
}
