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
    private readonly long _deadline;
    private readonly int _maxNesting;
    private int _nesting;

    private RunGuard(Engine engine, ScriptLimits limits, ScriptScope scope)
    {
        Engine = engine;
        Limits = limits;
        Scope = scope;
        _maxBytes = limits.MaxMemoryBytes;
        _maxNesting = Math.Max(16, limits.MaxRecursionDepth * 4);
        _deadline = Stopwatch.GetTimestamp() + (long)(limits.Timeout.TotalSeconds * Stopwatch.Frequency);
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
            throw new TimeoutException();
        }
    }

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
