namespace FlowGov.Server.Hosting;

/// <summary>
/// Whether start-up work (migrations, first-start seeding, then the scheduler) has finished. The
/// server listens before that work is done, so <c>/healthz</c> answers at once; <c>/readyz</c>
/// reports this state, and API requests that arrive early wait for <see cref="StoreReady"/>.
/// </summary>
public sealed class StartupState
{
    private readonly TaskCompletionSource _store = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Ready => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when all start-up work is done, the scheduler included (when <see cref="Ready"/> turns true).</summary>
    public Task WhenReady => _ready.Task;

    public TimeSpan? Took { get; private set; }

    /// <summary>Completes when the schema is migrated and the first-start data is in place; faults if that failed.</summary>
    public Task StoreReady => _store.Task;

    public void MarkStoreReady() => _store.TrySetResult();

    public void MarkFailed(Exception error)
    {
        _store.TrySetException(error);
        _ready.TrySetException(error);
    }

    public void MarkReady(TimeSpan took)
    {
        Took = took;
        _ready.TrySetResult();
    }
}
