using System.Text.Json;
using FlowGov.Core.Scripting;
using static FlowGov.Core.Tests.Scripting.ScriptTestSupport;

namespace FlowGov.Core.Tests.Scripting;

public sealed class JintScriptHostTests
{
    private readonly JintScriptHost _host = new(new ScriptLimits { PoolSize = 1, Timeout = TimeSpan.FromSeconds(10) });

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("'a' + 'b'", "\"ab\"")]
    [InlineData("vars.amount > 100 && vars.category === 'environment'", "true")]
    [InlineData("null", "null")]
    [InlineData("undefined", "null")]
    [InlineData("0/0", "null")]
    [InlineData("1/0", "null")]
    [InlineData("function () {}", "null")]
    [InlineData("[1, 'x', true, null]", "[1,\"x\",true,null]")]
    [InlineData("({ a: 1, b: { c: [2] }, f: function () {} })", "{\"a\":1,\"b\":{\"c\":[2]}}")]
    [InlineData("new Date(Date.UTC(2025, 2, 1, 8, 30))", "\"2025-03-01T08:30:00.000Z\"")]
    [InlineData("vars.parties.length", "2")]
    [InlineData("vars.parties[1].name", "\"B\"")]
    [InlineData("1.5", "1.5")]
    public void Run_Expression_ReturnsJson(string source, string expected)
    {
        var scope = new ScriptScope { Vars = Vars("""{"amount":150,"category":"environment","parties":[{"name":"A"},{"name":"B"}]}""") };
        Assert.Equal(expected, _host.Eval(source, scope: scope).Raw());
    }

    [Fact]
    public void Run_Body_ReturnGivesResult()
    {
        var result = _host.Body("var total = 0;\nfor (var i = 0; i < vars.items.length; i++) { total += vars.items[i].qty; }\nreturn { total: total };",
            new ScriptScope { Vars = Vars("""{"items":[{"qty":2},{"qty":3}]}""") });
        Assert.Equal("{\"total\":5}", result.Raw());
    }

    [Fact]
    public void Run_BodyWithoutReturn_GivesNull()
    {
        Assert.Equal(JsonValueKind.Null, _host.Body("var x = 1;").Ok().Value.ValueKind);
    }

    [Fact]
    public void Run_AllScopeGlobals_AreVisible()
    {
        var scope = new ScriptScope
        {
            Input = Json("""{"a":1}"""),
            Form = Json("""{"b":2}"""),
            Forms = Json("""{"intake":{"c":3}}"""),
            Instance = Json("""{"district":"east"}"""),
            Task = Json("""{"assignee":"li"}"""),
            User = Json("""{"roles":["mediator"]}"""),
            Row = Json("""{"d":4}"""),
            Extra = new Dictionary<string, JsonElement> { ["item"] = Json("\"party-5\""), ["index"] = Json("5") },
        };
        var result = _host.Eval("[input.a, form.b, forms.intake.c, instance.district, task.assignee, user.roles[0], row.d, item, index]", scope: scope);
        Assert.Equal("[1,2,3,\"east\",\"li\",\"mediator\",4,\"party-5\",5]", result.Raw());
    }

    [Fact]
    public void Run_MissingScopeMember_IsUndefined()
    {
        Assert.Equal("\"undefined\"", _host.Eval("typeof row").Raw());
    }

    [Fact]
    public void Run_WritableVars_ReturnsOnlyChangedAndAdded()
    {
        var scope = new ScriptScope { VarsWritable = true, Vars = Vars("""{"a":1,"b":{"x":1},"c":"same"}""") };
        var result = _host.Body("vars.a = 2; vars.b.x = 1; vars.c = 'same'; vars.d = [1]; return 'ok';", scope).Ok();
        Assert.NotNull(result.WrittenVars);
        Assert.Equal(["a", "d"], result.WrittenVars!.Keys.Order());
        Assert.Equal("2", result.WrittenVars["a"].GetRawText());
        Assert.Equal("[1]", result.WrittenVars["d"].GetRawText());
    }

    [Fact]
    public void Run_ReadOnlyVars_AssignmentFails()
    {
        var result = _host.Body("vars.a = 2;", new ScriptScope { Vars = Vars("""{"a":1}""") });
        Assert.Equal(ScriptErrorKind.Runtime, result.Error?.Kind);
        Assert.Null(result.WrittenVars);
    }

    [Fact]
    public void Run_ReadOnlyVars_WrittenVarsIsNull()
    {
        Assert.Null(_host.Eval("1", scope: new ScriptScope { Vars = Vars("""{"a":1}""") }).Ok().WrittenVars);
    }

    [Fact]
    public void Prepare_SameSource_ReturnsCachedScript()
    {
        var a = _host.Prepare("1 + 1", ScriptKind.Expression).Script;
        var b = _host.Prepare("1 + 1", ScriptKind.Expression).Script;
        var c = _host.Prepare("1 + 1", ScriptKind.Body).Script;
        Assert.Same(a, b);
        Assert.NotSame(a, c);
        Assert.Equal(64, a!.Hash.Length);
    }

    [Fact]
    public void Prepare_CacheOverCapacity_StaysBounded()
    {
        var host = new JintScriptHost(new ScriptLimits { MaxCachedScripts = 10 });
        for (var i = 0; i < 25; i++)
        {
            Assert.True(host.Prepare($"{i} + 1", ScriptKind.Expression).Ok);
        }

        Assert.True(host.CachedScriptCount <= 10);
    }

    [Fact]
    public void Prepare_TooLongSource_IsRejected()
    {
        var host = new JintScriptHost(new ScriptLimits { MaxSourceLength = 10 });
        var result = host.Prepare("1 + 1 + 1 + 1 + 1", ScriptKind.Expression);
        Assert.False(result.Ok);
        Assert.Equal(ScriptErrorKind.Syntax, result.Error!.Kind);
    }

    [Fact]
    public void Run_TopLevelVar_DoesNotLeakIntoNextRun()
    {
        _host.Body("var leaked = 1; function helper() { return 2; } return helper();").Ok();
        Assert.Equal("\"undefined\"", _host.Eval("typeof leaked + ''").Raw());
        Assert.Equal("\"undefined\"", _host.Eval("typeof helper").Raw());
    }

    [Fact]
    public void Run_AssignmentToUndeclared_FailsInStrictMode()
    {
        var result = _host.Body("undeclared = 1; return 1;");
        Assert.Equal(ScriptErrorKind.Runtime, result.Error?.Kind);
        Assert.Contains("undeclared", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Line);
    }

    [Fact]
    public void Run_ThrownError_IsRuntimeWithMessage()
    {
        var result = _host.Body("throw new Error('no mediator for ' + 'east');");
        Assert.Equal(ScriptErrorKind.Runtime, result.Error?.Kind);
        Assert.Equal("Error: no mediator for east", result.Error!.Message);
    }

    [Fact]
    public void Run_ConcurrentCallers_EachGetCorrectResult()
    {
        var host = new JintScriptHost();
        var script = host.Prepare("vars.n * 2", ScriptKind.Expression).Script!;
        Parallel.For(0, 400, i =>
        {
            var r = host.Run(script, new ScriptScope { Vars = Vars($$"""{"n":{{i}}}""") });
            Assert.Equal((i * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), r.Raw());
        });
    }
}
