using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;

namespace FlowGov.Bench;

/// <summary>
/// The engine core alone, in memory, one thread: a Start → 100 literal SetVariable → End chain,
/// the shape of the Elsa 3 anchor in ../shared/ANCHORS.md. Steps/s = 102 / mean time.
/// </summary>
[MemoryDiagnoser]
public class EngineStepBenchmarks
{
    public const int Steps = 102;

    private WorkflowRunner _runner = null!;
    private WorkflowRunner _quietRunner = null!;
    private CompiledDefinition _chain = null!;
    private CompiledDefinition _forkJoin = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scripts = new JintScriptHost();
        var compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts);
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        _runner = new WorkflowRunner(scripts, clock, new SequentialIdGenerator());
        _quietRunner = new WorkflowRunner(scripts, clock, new SequentialIdGenerator(), options: new RunnerOptions { JournalEverySteps = false });
        _chain = compiler.Compile(Chain()).Definition!;
        _forkJoin = compiler.Compile(ForkJoin()).Definition!;
    }

    [Benchmark(Description = "chain of 100 SetVariable, journal every step", OperationsPerInvoke = 1)]
    public RunResult Chain100() => _runner.Start(_chain, new StartRequest());

    [Benchmark(Description = "chain of 100 SetVariable, journal waits/ends only")]
    public RunResult Chain100Quiet() => _quietRunner.Start(_chain, new StartRequest());

    [Benchmark(Description = "fork into 50 branches, join all")]
    public RunResult ForkJoin50() => _runner.Start(_forkJoin, new StartRequest());

    internal static WorkflowDefinition Chain()
    {
        var activities = new List<ActivityDefinition> { new() { Id = "start", Type = "Start" } };
        var connections = new List<ConnectionDefinition>();
        var previous = "start";
        for (var i = 0; i < 100; i++)
        {
            var id = $"set{i}";
            activities.Add(new ActivityDefinition
            {
                Id = id,
                Type = "SetVariable",
                Properties = new Dictionary<string, JsonElement> { ["variable"] = JsonSerializer.SerializeToElement($"v{i % 10}"), ["value"] = JsonSerializer.SerializeToElement(i) },
            });
            connections.Add(new ConnectionDefinition { From = previous, To = id });
            previous = id;
        }

        activities.Add(new ActivityDefinition { Id = "end", Type = "End" });
        connections.Add(new ConnectionDefinition { From = previous, To = "end" });
        return new WorkflowDefinition { Key = "chain", Name = "chain", Version = 1, Activities = activities, Connections = connections };
    }

    internal static WorkflowDefinition ForkJoin()
    {
        var activities = new List<ActivityDefinition> { new() { Id = "start", Type = "Start" }, new() { Id = "fork", Type = "Fork" }, new() { Id = "join", Type = "Join" }, new() { Id = "end", Type = "End" } };
        var connections = new List<ConnectionDefinition> { new() { From = "start", To = "fork" }, new() { From = "join", To = "end" } };
        for (var i = 0; i < 50; i++)
        {
            var id = $"b{i}";
            activities.Add(new ActivityDefinition
            {
                Id = id,
                Type = "SetVariable",
                Properties = new Dictionary<string, JsonElement> { ["variable"] = JsonSerializer.SerializeToElement($"v{i}"), ["value"] = JsonSerializer.SerializeToElement(true) },
            });
            connections.Add(new ConnectionDefinition { From = "fork", To = id });
            connections.Add(new ConnectionDefinition { From = id, To = "join" });
        }

        return new WorkflowDefinition { Key = "forkjoin", Name = "forkjoin", Version = 1, Activities = activities, Connections = connections };
    }
}
