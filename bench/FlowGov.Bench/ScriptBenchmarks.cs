using System.Text.Json;
using BenchmarkDotNet.Attributes;
using FlowGov.Core.Scripting;

namespace FlowGov.Bench;

/// <summary>A cached (prepared) expression on the pooled Jint host: what every Decision and form rule costs.</summary>
[MemoryDiagnoser]
public class ScriptBenchmarks
{
    private JintScriptHost _host = null!;
    private PreparedScript _expression = null!;
    private PreparedScript _helper = null!;
    private ScriptScope _scope = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = new JintScriptHost();
        _expression = _host.Prepare("vars.amount > 100 && vars.category === 'environment'", ScriptKind.Expression).Script!;
        _helper = _host.Prepare("addWorkdays(vars.reportedAt, 3)", ScriptKind.Expression).Script!;
        _scope = new ScriptScope
        {
            Vars = new Dictionary<string, JsonElement>
            {
                ["amount"] = JsonSerializer.SerializeToElement(250),
                ["category"] = JsonSerializer.SerializeToElement("environment"),
                ["reportedAt"] = JsonSerializer.SerializeToElement("2026-03-05T10:00:00+08:00"),
            },
            Now = new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8)),
        };
    }

    [Benchmark(Description = "cached expression: vars.amount > 100 && vars.category === 'environment'")]
    public ScriptResult CachedExpression() => _host.Run(_expression, _scope);

    [Benchmark(Description = "cached expression calling addWorkdays")]
    public ScriptResult WorkdayHelper() => _host.Run(_helper, _scope);
}
