using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Scripting;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

/// <summary>
/// Hostile designer scripts — a representative set of the scripting corpus
/// (<see cref="Scripting.HostileScriptTests.Cases"/>) plus a few of our own — run through form hooks
/// on a host with the production limits: each must
/// come back as a field error naming the field and the script line, never an exception, and the
/// host must keep working for the next evaluation. Not run in parallel with other tests: the memory
/// bombs cause GC pauses that would trip other tests' wall-clock limits.
/// </summary>
[Collection(nameof(HostileFormScriptTests))]
public sealed class HostileFormScriptTests
{
    private static readonly JintScriptHost DefaultHost = new();

    /// <summary>One or more per kind of attack in the scripting corpus.</summary>
    private static readonly string[] FromCorpus =
    [
        "while-true", "statement-flood", "catch-swallows-loop", "regex-backtracking",
        "recursion-no-base", "getter-recursion", "json-parse-deep",
        "string-doubling-loop", "array-push-bomb", "new-array-huge", "replace-amplify",
        "output-large-string", "output-self-reference",
        "function-constructor", "eval", "this-constructor", "proto-constructor", "system-io", "process", "global-this",
        "object-prototype", "array-push", "json-parse", "define-global", "replace-vars", "escape-wrapper",
    ];

    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Scripting.HostileScriptTests.Cases)
        {
            if (FromCorpus.Contains((string)row[0]))
            {
                data.Add((string)row[0], (string)row[1]);
            }
        }

        return data;
    }

    [Fact]
    public void Corpus_EveryPickedCase_StillExists()
    {
        Assert.Equal(FromCorpus.Length, Corpus().Count);
    }

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
    [MemberData(nameof(Corpus))]
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
