namespace FlowGov.Core.Activities.Human;

/// <summary>Progress of a multi-instance task, kept in the instance while its tasks are open.</summary>
public sealed class MultiInstanceState
{
    public int Total { get; set; }

    public int Completed { get; set; }

    public List<MultiInstanceResult> Results { get; init; } = [];
}
