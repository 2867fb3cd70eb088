using System.Diagnostics;
using System.Runtime.CompilerServices;
using Jint;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The budget of the run on the current thread: allocated bytes, deadline and native nesting.
/// Jint 2 has no memory limit and no cheap per-statement hook (its DebugMode builds a snapshot of
/// all variables per statement), so the host injects a probe before every statement
/// (<see cref="MemoryProbe"/>) and calls <see cref="Check"/> from every guarded built-in.
/// </summary>
internal sealed class RunGuard
{
    [ThreadStatic]
    private static RunGuard? _current;

    private readonly long _startBytes;
    private readonly long _maxBytes;
    private readonly long _hardDeadline;
    private readonly TimeSpan? _cpuStart;
    private long _deadline;
    private readonly int _maxNesting;
    private readonly Func<TimeSpan?> _cpuClock;
    private int _nesting;

    private RunGuard(Engine engine, ScriptLimits limits, ScriptScope scope)
    {
        Engine = engine;
        Limits = limits;
        Scope = scope;
        _maxBytes = limits.MaxMemoryBytes;
        _maxNesting = Math.Max(16, limits.MaxRecursionDepth * 4);
        var now = Stopwatch.GetTimestamp();
        _deadline = now + ToStopwatchTicks(limits.Timeout);
        _hardDeadline = now + ToStopwatchTicks(limits.Timeout * ScriptLimits.WallClockFactor);
        _cpuClock = limits.ThreadCpuClock ?? ThreadCpuTime.Now;
        _cpuStart = _cpuClock();
        _startBytes = GC.GetAllocatedBytesForCurrentThread();
    }

    public static RunGuard? Current => _current;

    public Engine Engine { get; }

    public ScriptLimits Limits { get; }

    public ScriptScope Scope { get; }

    /// <summary>The statement about to run, as last seen by the probe (Jint's own last node may be a synthetic expression without a location).</summary>
    public Jint.Parser.Ast.SyntaxNode? LastStatement { get; set; }

    /// <summary>Time left before the deadline, at least one millisecond (used as the regex match timeout).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var ticks = _deadline - Stopwatch.GetTimestamp();
            return ticks <= 0 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromSeconds(Math.Max(0.001, (double)ticks / Stopwatch.Frequency));
        }
    }

    public static RunGuard Enter(Engine engine, ScriptLimits limits, ScriptScope scope)
    {
        var guard = new RunGuard(engine, limits, scope);
        _current = guard;
        return guard;
    }

    public static void Exit() => _current = null;

    /// <summary>Throws when the run allocated more than its budget or passed its deadline.</summary>
    public void Check()
    {
        var used = GC.GetAllocatedBytesForCurrentThread() - _startBytes;
        if (used > _maxBytes)
        {
            throw new ScriptLimitException(ScriptErrorKind.MemoryLimit, $"the script allocated more than {_maxBytes / (1024 * 1024)} MB");
        }

        if (Stopwatch.GetTimestamp() > _deadline)
        {
            ExtendOrTimeOut();
        }
    }

    /// <summary>
    /// The wall-clock deadline passed. The limit is CPU time: a thread that was descheduled (a
    /// loaded 2-core server, a GC) gets the CPU time it has not used yet, up to
    /// <see cref="ScriptLimits.WallClockFactor"/> times the limit in wall-clock time. The fast path
    /// (every statement) only reads the wall clock; the thread's CPU clock is read here.
    /// </summary>
    private void ExtendOrTimeOut()
    {
        var now = Stopwatch.GetTimestamp();
        if (now > _hardDeadline || _cpuStart is not { } start || _cpuClock() is not { } cpu)
        {
            throw new TimeoutException();
        }

        var unused = Limits.Timeout - (cpu - start);
        if (unused <= TimeSpan.Zero)
        {
            throw new TimeoutException();
        }

        _deadline = Math.Min(_hardDeadline, now + ToStopwatchTicks(unused));
    }

    private static long ToStopwatchTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Throws before a built-in makes a string of <paramref name="chars"/> characters that cannot fit the budget.</summary>
    public void CheckStringSize(double chars, string what)
    {
        if (chars > Limits.MaxStringLength || (chars * 2) + (GC.GetAllocatedBytesForCurrentThread() - _startBytes) > _maxBytes)
        {
            throw new ScriptLimitException(ScriptErrorKind.MemoryLimit, $"{what} would make a string of {chars:0} characters, more than the memory limit allows");
        }
    }

    /// <summary>Throws when a built-in is asked to walk an array-like longer than the budget allows.</summary>
    public void CheckArrayLength(double length, string what)
    {
        if (length > Limits.MaxArrayLength)
        {
            throw new ScriptLimitException(ScriptErrorKind.MemoryLimit, $"{what} on an array of length {length:0}: more than {Limits.MaxArrayLength} elements is over the memory limit");
        }
    }

    /// <summary>Enters a native call that may recurse (join → toString → join …); pair with <see cref="Leave"/>.</summary>
    public void Enter()
    {
        if (++_nesting > _maxNesting || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _nesting--;
            throw new ScriptLimitException(ScriptErrorKind.RecursionLimit, "values are nested too deeply (recursion through built-ins, getters or toString)");
        }

        Check();
    }

    public void Leave() => _nesting--;

    /// <summary>Called by the statement probe: memory, deadline and the native stack.</summary>
    public void Probe()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new ScriptLimitException(ScriptErrorKind.RecursionLimit, "recursion too deep (getters, toString or valueOf calling themselves)");
        }

        Check();
    }
}
