using System.Collections.Concurrent;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Scripting;

/// <summary>
/// Scripts written to hang, exhaust, escape or pollute the host. Each runs on a host with a pool of
/// one engine, and an ordinary script runs right after on the same host (so on the same engine
/// when the hostile run left it poolable) and must see nothing left behind.
/// </summary>
public sealed class HostileScriptTests
{
    // Limits per expected kind keep each outcome deterministic on a slow or fast machine: a loop
    // expected to time out has no statement limit, one expected to hit the statement limit has time.
    private static readonly ConcurrentDictionary<ScriptErrorKind, JintScriptHost> Hosts = new();

    private const string CleanCheck =
        "var leftovers = [typeof Object.prototype.x, typeof Object.prototype.y, typeof leaked, typeof helper, String(Error.prototype.message)];\n" +
        "var a = []; a.push(1); a.push(2);\n" +
        "return { left: leftovers.join(','), push: a.length, trim: ' x '.trim(), parse: JSON.parse('{\"k\":1}').k, max: Math.max(1, 2),\n" +
        "  test: /a/.test('a'), time: new Date(0).getTime(), keys: Object.keys({ q: 1 }).join(), str: ({}).toString(), vars: vars.n, now: typeof now };";

    public static TheoryData<string, string, ScriptErrorKind> Cases => new()
    {
        // Endless work
        { "while-true", "while (true) {}", ScriptErrorKind.Timeout },
        { "for-ever", "for (;;) {}", ScriptErrorKind.Timeout },
        { "do-while-true", "do { } while (true);", ScriptErrorKind.Timeout },
        { "statement-flood", "var i = 0; while (true) { i++; }", ScriptErrorKind.StatementLimit },
        { "catch-swallows-loop", "try { while (true) {} } catch (e) { return 'caught'; }", ScriptErrorKind.Timeout },
        { "regex-backtracking", "return /(a+)+$/.test('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!');", ScriptErrorKind.Timeout },
        { "regex-from-string", "return 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match('(a+)+$');", ScriptErrorKind.Timeout },
        { "regex-constructor", "return new RegExp('(x+x+)+y').test('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx');", ScriptErrorKind.Timeout },

        // Recursion
        { "recursion-no-base", "function f() { return f(); } return f();", ScriptErrorKind.RecursionLimit },
        { "mutual-recursion", "function a() { return b(); } function b() { return a(); } return a();", ScriptErrorKind.RecursionLimit },
        { "getter-recursion", "var o = { get x() { return this.x; } }; return o.x;", ScriptErrorKind.RecursionLimit },
        { "tostring-recursion", "var o = { toString: function () { return '' + this; } }; return '' + o;", ScriptErrorKind.RecursionLimit },
        { "bind-chain", "var f = function () { return 1; }; for (var i = 0; i < 5000; i++) { f = f.bind(null); } return f();", ScriptErrorKind.RecursionLimit },
        { "nested-array-join", "var a = []; for (var i = 0; i < 2000; i++) { a = [a]; } return '' + a;", ScriptErrorKind.RecursionLimit },
        { "cyclic-array-join", "var a = [1]; a.push(a); return a.join();", ScriptErrorKind.RecursionLimit },
        { "json-parse-deep", "var s = ''; for (var i = 0; i < 5000; i++) { s += '['; } return JSON.parse(s);", ScriptErrorKind.RecursionLimit },
        { "json-stringify-deep", "var o = {}; for (var i = 0; i < 2000; i++) { o = { a: o }; } return JSON.stringify(o);", ScriptErrorKind.RecursionLimit },

        // Memory
        { "string-doubling-loop", "var s = 'x'; while (true) s += s;", ScriptErrorKind.MemoryLimit },
        { "string-doubling-straight", "var s = 'x';" + string.Concat(Enumerable.Repeat(" s += s;", 31)), ScriptErrorKind.MemoryLimit },
        { "array-push-bomb", "var a = []; while (true) a.push(new Array(1000));", ScriptErrorKind.MemoryLimit },
        { "array-of-strings", "var a = []; var s = new Array(100001).join('x'); while (true) a.push(s + a.length);", ScriptErrorKind.MemoryLimit },
        { "new-array-huge", "return new Array(1e9).join('x');", ScriptErrorKind.MemoryLimit },
        { "array-call-join", "return Array(1e7).join('x');", ScriptErrorKind.MemoryLimit },
        { "array-like-join", "return Array.prototype.join.call({ length: 1e9 }, 'x');", ScriptErrorKind.MemoryLimit },
        { "length-then-sort", "var a = []; a[4294967294] = 1; return a.sort();", ScriptErrorKind.MemoryLimit },
        { "apply-huge", "return String.fromCharCode.apply(null, { length: 1e8 });", ScriptErrorKind.MemoryLimit },
        { "replace-amplify", "var x = 'x'; for (var i = 0; i < 20; i++) { x = x + x; } return x.replace(/x/g, x).length;", ScriptErrorKind.MemoryLimit },
        { "split-everything", "var x = 'xxxxxxxxxx'; for (var i = 0; i < 17; i++) { x = x + x; } return x.split('').length;", ScriptErrorKind.MemoryLimit },
        { "concat-amplify", "var x = 'x'; for (var i = 0; i < 22; i++) { x = x + x; } return x.concat(x, x, x, x, x, x, x).length;", ScriptErrorKind.MemoryLimit },
        { "json-stringify-huge", "var a = []; for (var i = 0; i < 1000; i++) a.push('xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'); var b = []; for (var j = 0; j < 1000; j++) b.push(a); return JSON.stringify(b).length;", ScriptErrorKind.MemoryLimit },
        { "finally-cannot-swallow", "try { var s = 'x'; while (true) s += s; } catch (e) { return 'caught'; } finally { return 'finally'; }", ScriptErrorKind.MemoryLimit },

        // Output
        { "output-10mb-string", "var s = 'xxxxxxxxxx'; for (var i = 0; i < 20; i++) { s += s; } return s;", ScriptErrorKind.MemoryLimit },
        { "output-large-string", "return new Array(300001).join('x');", ScriptErrorKind.OutputTooLarge },
        { "output-deep-object", "var o = {}; for (var i = 0; i < 100; i++) { o = { a: o }; } return o;", ScriptErrorKind.OutputTooLarge },
        { "output-self-reference", "var o = {}; o.self = o; return o;", ScriptErrorKind.OutputTooLarge },
        { "output-sparse-array", "var a = []; a.length = 1000000; return a;", ScriptErrorKind.OutputTooLarge },

        // Code generation and host probing
        { "function-constructor", "return Function('return this')();", ScriptErrorKind.Runtime },
        { "new-function", "return new Function('return 1')();", ScriptErrorKind.Runtime },
        { "eval", "return eval('1');", ScriptErrorKind.Runtime },
        { "indirect-eval", "return (0, eval)('1');", ScriptErrorKind.Runtime },
        { "constructor-of-function", "return (function () {}).constructor('return 1')();", ScriptErrorKind.Runtime },
        { "this-constructor", "return this.constructor.constructor('return 1')();", ScriptErrorKind.Runtime },
        { "proto-constructor", "return ({}).__proto__.constructor.constructor('return this')();", ScriptErrorKind.Runtime },
        { "helper-constructor", "return now.constructor('return 1')();", ScriptErrorKind.Runtime },
        { "getprototypeof-constructor", "return Object.getPrototypeOf(function () {}).constructor('return 1')();", ScriptErrorKind.Runtime },
        { "import-namespace", "return importNamespace('System');", ScriptErrorKind.Runtime },
        { "system-io", "return System.IO.File.ReadAllText('/etc/passwd');", ScriptErrorKind.Runtime },
        { "clr", "return clr;", ScriptErrorKind.Runtime },
        { "require", "return require('fs');", ScriptErrorKind.Runtime },
        { "process", "return process.env;", ScriptErrorKind.Runtime },
        { "host", "return host;", ScriptErrorKind.Runtime },
        { "global-this", "return (function () { return this; })().Math;", ScriptErrorKind.Runtime },

        // Pollution attempts
        { "object-prototype", "Object.prototype.x = 1; return 1;", ScriptErrorKind.Runtime },
        { "define-on-object-prototype", "Object.defineProperty(Object.prototype, 'y', { value: 1 }); return 1;", ScriptErrorKind.Runtime },
        { "proto-assign", "({}).__proto__.x = 1; return 1;", ScriptErrorKind.Runtime },
        { "array-push", "Array.prototype.push = function () {}; return 1;", ScriptErrorKind.Runtime },
        { "string-trim", "String.prototype.trim = function () { return 'hacked'; }; return 1;", ScriptErrorKind.Runtime },
        { "json-parse", "JSON.parse = function () {}; return 1;", ScriptErrorKind.Runtime },
        { "math-max", "Math.max = null; return 1;", ScriptErrorKind.Runtime },
        { "date-gettime", "Date.prototype.getTime = function () { return 0; }; return 1;", ScriptErrorKind.Runtime },
        { "regexp-test", "RegExp.prototype.test = function () { return true; }; return 1;", ScriptErrorKind.Runtime },
        { "error-message", "Error.prototype.message = 'pwned'; return 1;", ScriptErrorKind.Runtime },
        { "builtin-function-property", "Array.prototype.push.foo = 1; return 1;", ScriptErrorKind.Runtime },
        { "object-tostring", "Object.prototype.toString = function () { return 'p'; }; return 1;", ScriptErrorKind.Runtime },
        { "define-global", "leaked = 1; return 1;", ScriptErrorKind.Runtime },
        { "replace-vars", "vars = { n: 99 }; return 1;", ScriptErrorKind.Runtime },
        { "replace-helper", "now = function () { return 'x'; }; return 1;", ScriptErrorKind.Runtime },
        { "escape-wrapper", "return 1; }); var leaked = 1; (function () {", ScriptErrorKind.Syntax },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_HostileScript_TripsLimitAndLeavesEngineClean(string name, string source, ScriptErrorKind expected)
    {
        var host = Hosts.GetOrAdd(expected, HostFor);
        var prepared = host.Prepare(source, ScriptKind.Body);
        ScriptError? error;
        if (prepared.Ok)
        {
            var result = host.Run(prepared.Script!, new ScriptScope { Vars = ScriptTestSupport.Vars("""{"n":1}""") });
            error = result.Error;
        }
        else
        {
            error = prepared.Error;
        }

        Assert.True(error is not null, $"{name}: expected {expected}, the script succeeded");
        Assert.True(expected == error!.Kind, $"{name}: expected {expected}, got {error}");

        var clean = host.Run(host.Prepare(CleanCheck, ScriptKind.Body).Script!, new ScriptScope { Vars = ScriptTestSupport.Vars("""{"n":7}""") });
        Assert.Equal(
            """{"left":"undefined,undefined,undefined,undefined,","push":2,"trim":"x","parse":1,"max":2,"test":true,"time":0,"keys":"q","str":"[object Object]","vars":7,"now":"function"}""",
            clean.Raw());
    }

    private static JintScriptHost HostFor(ScriptErrorKind kind) => new(kind switch
    {
        ScriptErrorKind.Timeout => new ScriptLimits { PoolSize = 1, Timeout = TimeSpan.FromMilliseconds(100), MaxStatements = int.MaxValue, MaxMemoryBytes = 1L << 30 },
        ScriptErrorKind.StatementLimit => new ScriptLimits { PoolSize = 1, Timeout = TimeSpan.FromSeconds(30), MaxStatements = 100_000 },
        _ => new ScriptLimits { PoolSize = 1, Timeout = TimeSpan.FromSeconds(10), MaxStatements = 50_000_000 },
    });
}
