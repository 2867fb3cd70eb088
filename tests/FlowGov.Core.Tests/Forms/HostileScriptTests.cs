using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Scripting;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

/// <summary>
/// Hostile designer scripts run through form hooks on a host with the production statement, memory,
/// recursion and output limits (the wall-clock timeout is raised, see <see cref="FormKit.Host"/>, so
/// a cold first run cannot make a benign check flaky; loops trip the statement limit first): each must
/// come back as a field error naming the field and the script line, never an exception, and the
/// host must keep working for the next evaluation. Not run in parallel with other tests: the memory
/// bombs cause GC pauses that would trip other tests' wall-clock limits.
/// </summary>
[Collection(nameof(HostileScriptTests))]
public sealed class HostileScriptTests
{
    private static readonly JintScriptHost DefaultHost = new(new ScriptLimits { Timeout = TimeSpan.FromSeconds(5) });

    public static TheoryData<string, string> Scripts => new()
    {
        { "endless while", "while (true) {}" },
        { "endless for", "for (;;) { var x = 1; }" },
        { "endless recursion", "function f(n) { return f(n + 1) + 1; }\nreturn f(0);" },
        { "mutual recursion", "function a() { return b(); }\nfunction b() { return a(); }\nreturn a();" },
        { "string doubling", "var s = 'x';\nwhile (true) { s = s + s; }" },
        { "array growth", "var a = [];\nwhile (true) { a.push([1, 2, 3, 4, 5, 6, 7, 8]); }" },
        { "huge array join", "new Array(1000000000).join('x')" },
        { "huge output", "var s = 'abcdefgh';\nfor (var i = 0; i < 20; i++) { s = s + s; }\nreturn s;" },
        { "eval", "eval('1 + 1')" },
        { "Function constructor", "Function('return this')()" },
        { "constructor escape", "(function () {}).constructor('return this')().process.exit()" },
        { "CLR probing", "System.IO.File.ReadAllText('/etc/passwd')" },
        { "importNamespace", "importNamespace('System.IO')" },
        { "prototype pollution", "Object.prototype.isAdmin = true;\nreturn 1;" },
        { "array prototype overwrite", "Array.prototype.push = function () { return 0; };\nreturn 1;" },
        { "throw object", "throw { message: 'boom' };" },
        { "cyclic result", "var o = {};\no.self = o;\nreturn o;" },
        { "caller probing", "return arguments.callee.caller;" },
        { "undeclared global write", "leaked = 1;\nreturn 1;" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Evaluate_HostileScriptInEveryHook_GivesFieldErrorsAndHostKeepsWorking(string name, string script)
    {
        var source = JsonSerializer.Serialize(script);
        var form = CompiledForm.Compile(FormDefinition.Parse($$"""
            {"key": "hostile", "fields": [
              {"key": "shown", "label": "显示", "kind": "text", "visibleWhen": {{source}}},
              {"key": "computed", "label": "计算", "kind": "text", "compute": {{source}}},
              {"key": "checked", "label": "校验", "kind": "text", "validate": {{source}}}
            ]}
            """), DefaultHost);

        var evaluation = FormEvaluator.Evaluate(form, Json("""{"checked": "x"}"""), Context());

        foreach (var path in new[] { "shown", "computed", "checked" })
        {
            var error = evaluation[path].Error;
            Assert.True(error is not null, $"{name}: no error on {path}");
            Assert.Equal(path, error.Path);
            Assert.Equal("script.error", error.Key);
            Assert.Matches(@"line \d+, column \d+", error.MessageEn);
        }

        Assert.False(FormValidator.Validate(form, Json("""{"checked": "x"}"""), Context()).IsValid);
        AssertHostStillWorks();
    }

    private static void AssertHostStillWorks()
    {
        var form = CompiledForm.Compile(FormDefinition.Parse("""
            {"key": "benign", "fields": [
              {"key": "a", "kind": "integer"},
              {"key": "b", "kind": "integer", "compute": "form.a * 2"},
              {"key": "clean", "kind": "boolean", "compute": "({}).isAdmin === undefined && typeof leaked === 'undefined' && [1].push(2) === 2"}
            ]}
            """), DefaultHost);

        var evaluation = FormEvaluator.Evaluate(form, Json("""{"a": 21}"""), Context());

        Assert.Empty(evaluation.Errors);
        Assert.Equal(42, evaluation["b"].Value.GetInt32());
        Assert.True(evaluation["clean"].Value.GetBoolean());
    }
}
