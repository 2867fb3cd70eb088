namespace FlowGov.Core.Scripting;

/// <summary>
/// The limits every script runs under. One set per <see cref="JintScriptHost"/>: engines are
/// built with them and pooled, so they cannot change per run.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>
    /// CPU time of one run on its thread (where the OS reports it — Linux), and never more than
    /// <see cref="WallClockFactor"/> times this in wall-clock time; each regular-expression match is
    /// limited to this in wall-clock time. Where the OS has no thread CPU clock, wall-clock time.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A run's wall-clock cap as a multiple of <see cref="Timeout"/>, for a thread the OS keeps descheduled.</summary>
    public const int WallClockFactor = 10;

    /// <summary>The thread CPU clock (tests replace it); null uses the OS's.</summary>
    internal Func<TimeSpan?>? ThreadCpuClock { get; init; }

    /// <summary>Statements one run may execute (loops count every iteration).</summary>
    public int MaxStatements { get; init; } = 100_000;

    /// <summary>How deep one function may recurse; deeper native nesting (getters, toString, nested arrays) is also capped.</summary>
    public int MaxRecursionDepth { get; init; } = 64;

    /// <summary>Bytes one run may allocate (measured on the running thread, checked before every statement and around allocating built-ins).</summary>
    public long MaxMemoryBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>Size of the result (and of each written variable) as UTF-8 JSON.</summary>
    public int MaxOutputBytes { get; init; } = 256 * 1024;

    /// <summary>Longest source accepted by Prepare, in characters.</summary>
    public int MaxSourceLength { get; init; } = 64 * 1024;

    /// <summary>Idle engines kept for reuse; more may exist while many threads run at once.</summary>
    public int PoolSize { get; init; } = Environment.ProcessorCount * 2;

    /// <summary>Prepared scripts kept in the cache before it is cleared.</summary>
    public int MaxCachedScripts { get; init; } = 10_000;

    /// <summary>Longest array (by <c>length</c>) that built-in array functions accept: <see cref="MaxMemoryBytes"/> / 32.</summary>
    internal long MaxArrayLength => Math.Max(1024, MaxMemoryBytes / 32);

    /// <summary>Longest string (in chars) a guarded built-in may produce: half the memory budget (UTF-16).</summary>
    internal long MaxStringLength => Math.Max(1024, MaxMemoryBytes / 2);
}
