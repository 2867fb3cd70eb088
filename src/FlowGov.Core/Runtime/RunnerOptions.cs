namespace FlowGov.Core.Runtime;

public sealed record RunnerOptions
{
    /// <summary>Activities one advance may execute before the instance faults: stops a cycle with no wait from spinning forever.</summary>
    public int MaxStepsPerRun { get; init; } = 100_000;

    /// <summary>Characters of JSON kept per journal entry's data.</summary>
    public int JournalDataLimit { get; init; } = 4096;

    /// <summary>Whether every activity step is journaled, or only waits, resumes, faults and ends.</summary>
    public bool JournalEverySteps { get; init; } = true;
}
