using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Scripting;

/// <summary>Each limit has its own test that proves it trips, with the kind the designer sees.</summary>
public sealed class ScriptLimitsTests
{
    [Fact]
    public void Run_EndlessLoop_TripsTimeout()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        var result = host.Body("while (true) {}");
        Assert.Equal(ScriptErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public void Run_ThreadThatGetsNoCpu_IsGivenItsUnusedTimeUntilTheWallCap()
    {
        // A thread clock that never advances is a thread the OS keeps descheduled: the run is not
        // charged for the wait, but it still ends at WallClockFactor times the limit.
        var limit = TimeSpan.FromMilliseconds(30);
        var host = new JintScriptHost(new ScriptLimits { Timeout = limit, MaxStatements = int.MaxValue, MaxMemoryBytes = long.MaxValue, ThreadCpuClock = () => TimeSpan.Zero });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = host.Body("var n = 0;\nwhile (true) { n++; }");
        Assert.Equal(ScriptErrorKind.Timeout, result.Error?.Kind);
        Assert.True(clock.Elapsed >= limit * (ScriptLimits.WallClockFactor - 1), $"timed out after {clock.Elapsed.TotalMilliseconds:0} ms, before the wall cap");
    }

    [Fact]
    public void Run_WithoutThreadCpuClock_TimesOutOnWallClock()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromMilliseconds(30), MaxStatements = int.MaxValue, ThreadCpuClock = () => null });
        Assert.Equal(ScriptErrorKind.Timeout, host.Body("while (true) {}").Error?.Kind);
    }

    [Fact]
    public void ThreadCpuTime_AdvancesWithWork()
    {
        var before = ThreadCpuTime.Now();
        var spin = System.Diagnostics.Stopwatch.StartNew();
        var x = 0L;
        while (spin.ElapsedMilliseconds < 20)
        {
            x++;
        }

        var after = ThreadCpuTime.Now();
        Assert.NotNull(before);
        Assert.True(after > before, $"thread CPU time did not advance after {x} iterations");
    }

    [Fact]
    public void Run_TooManyStatements_TripsStatementLimit()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(30), MaxStatements = 1_000 });
        var result = host.Body("var n = 0;\nfor (var i = 0; i < 100000; i++) { n++; }\nreturn n;");
        Assert.Equal(ScriptErrorKind.StatementLimit, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Line);
    }

    [Fact]
    public void Run_StatementsUnderLimit_ProbesAreNotCounted()
    {
        // 1 + 2 × 400 + 1 statements: the injected memory probes must not count against the limit.
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(30), MaxStatements = 1_000 });
        Assert.Equal("400", host.Body("var n = 0;\nfor (var i = 0; i < 400; i++) { n++; }\nreturn n;").Raw());
    }

    [Fact]
    public void Run_DeepRecursion_TripsRecursionLimit()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10), MaxRecursionDepth = 20 });
        Assert.Equal("15", host.Body("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } return depth(15);").Raw());
        var result = host.Body("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } return depth(30);");
        Assert.Equal(ScriptErrorKind.RecursionLimit, result.Error?.Kind);
    }

    [Fact]
    public void Run_AllocatingLoop_TripsMemoryLimit()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10), MaxStatements = int.MaxValue, MaxMemoryBytes = 4 * 1024 * 1024 });
        var result = host.Body("var parts = [];\nwhile (true) { parts.push('party-' + parts.length + '-' + new Array(50).join('x')); }");
        Assert.Equal(ScriptErrorKind.MemoryLimit, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Line);
    }

    [Fact]
    public void Run_SingleHugeBuiltinCall_TripsMemoryLimitBeforeAllocating()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10) });
        var result = host.Body("var s = new Array(20001).join('x');\nreturn s.replace(/x/g, s).length;");
        Assert.Equal(ScriptErrorKind.MemoryLimit, result.Error?.Kind);
        Assert.Contains("replace", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LargeResult_TripsOutputTooLarge()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10), MaxOutputBytes = 1024 });
        Assert.Equal(ScriptErrorKind.OutputTooLarge, host.Eval("new Array(2000).join('x')").Error?.Kind);
        Assert.Equal(ScriptErrorKind.OutputTooLarge, host.Body("var a = []; for (var i = 0; i < 500; i++) { a.push(i); } return a;").Error?.Kind);
    }

    [Fact]
    public void Run_LargeWrittenVariable_TripsOutputTooLarge()
    {
        var host = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10), MaxOutputBytes = 1024 });
        var result = host.Body("vars.notes = new Array(2000).join('x'); return 1;", new ScriptScope { VarsWritable = true });
        Assert.Equal(ScriptErrorKind.OutputTooLarge, result.Error?.Kind);
    }

    [Fact]
    public void Run_AfterLimitTrips_EngineIsReplacedAndHostKeepsWorking()
    {
        var host = new JintScriptHost(new ScriptLimits { PoolSize = 1, Timeout = TimeSpan.FromMilliseconds(50), MaxStatements = int.MaxValue });
        Assert.Equal(ScriptErrorKind.Timeout, host.Body("for (;;) {}").Error?.Kind);
        Assert.Equal(0, host.PooledEngineCount);
        Assert.Equal("2", host.Eval("1 + 1").Raw());
        Assert.Equal(1, host.PooledEngineCount);
    }
}
