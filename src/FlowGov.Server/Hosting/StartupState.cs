namespace FlowGov.Server.Hosting;

/// <summary>Whether start-up work (migrations, first-start seeding) has finished; <c>/readyz</c> reports it.</summary>
public sealed class StartupState
{
    private volatile bool _ready;

    public bool Ready => _ready;

    public TimeSpan? Took { get; private set; }

    public void MarkReady(TimeSpan took)
    {
        Took = took;
        _ready = true;
    }
}
