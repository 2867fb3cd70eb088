using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The scripting host on Jint 2.10 (ES5.1). Scripts are parsed once and cached by SHA-256 of kind +
/// source; runs take a hardened engine from a pool, give it fresh copies of the scope's data, and
/// give it back clean (an engine that tripped a limit or failed inside Jint is dropped instead).
/// Thread-safe: concurrent runs each get their own engine.
/// </summary>
public sealed class JintScriptHost : IScriptHost
{
    private static readonly string[] ScopeNames = ["vars", "input", "form", "forms", "instance", "task", "user", "row"];

    private readonly ConcurrentDictionary<string, PreparedScript> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<Engine> _pool = [];
    private readonly ScriptLimits _limits;

    public JintScriptHost(ScriptLimits? limits = null)
    {
        _limits = limits ?? new ScriptLimits();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.Timeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxStatements);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxRecursionDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxMemoryBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxOutputBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxSourceLength);
        ArgumentOutOfRangeException.ThrowIfNegative(_limits.PoolSize);
    }

    public ScriptLimits Limits => _limits;

    /// <summary>Prepared scripts currently cached.</summary>
    public int CachedScriptCount => _cache.Count;

    /// <summary>Idle engines currently pooled.</summary>
    public int PooledEngineCount => _pool.Count;

    public ScriptPreparation Prepare(string source, ScriptKind kind)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Length > _limits.MaxSourceLength)
        {
            return new ScriptPreparation(null, new ScriptError(ScriptErrorKind.Syntax, $"the script is {source.Length} characters long; at most {_limits.MaxSourceLength} are allowed"));
        }

        var hash = Hash(source, kind);
        if (_cache.TryGetValue(hash, out var cached))
        {
            return new ScriptPreparation(cached, null);
        }

        var (compiled, error) = ScriptCompiler.Compile(source, kind);
        if (compiled is null)
        {
            return new ScriptPreparation(null, error);
        }

        if (_cache.Count >= _limits.MaxCachedScripts)
        {
            // Simple and bounded: start over. Published definitions re-prepare on their next run.
            _cache.Clear();
        }

        var prepared = _cache.GetOrAdd(hash, new PreparedScript(source, kind, hash, compiled));
        return new ScriptPreparation(prepared, null);
    }

    public ScriptResult Run(PreparedScript script, ScriptScope scope)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(scope);
        if (script.Compiled is not CompiledScript compiled)
        {
            throw new ArgumentException("the script was not prepared by a JintScriptHost", nameof(script));
        }

        var engine = Rent();
        var keep = false;
        var added = new List<string>(ScopeNames.Length + (scope.Extra?.Count ?? 0));
        var guard = RunGuard.Enter(engine, _limits, scope);
        try
        {
            var vars = SetGlobals(engine, scope, added);
            engine.Execute(compiled.Program);
            var value = engine.GetCompletionValue();
            guard.Check();
            var json = JsonInterop.ToJson(value, _limits.MaxOutputBytes);
            var written = scope.VarsWritable ? WrittenVars(vars, scope.Vars) : null;
            keep = true;
            return new ScriptResult(json, written, null);
        }
        catch (JavaScriptException ex)
        {
            // A script error unwinds Jint cleanly (function calls leave their context in finally).
            keep = true;
            var (line, column) = ex.Location is null ? ((int?)null, (int?)null) : Map(compiled, ex.LineNumber, ex.Column);
            return ScriptResult.Failure(new ScriptError(ScriptErrorKind.Runtime, Describe(ex), line, column));
        }
        catch (StatementsCountOverflowException)
        {
            return Fail(ScriptErrorKind.StatementLimit, $"the script ran more than {_limits.MaxStatements} statements (an endless loop?)");
        }
        catch (Exception ex) when (ex is TimeoutException or RegexMatchTimeoutException)
        {
            return Fail(ScriptErrorKind.Timeout, $"the script ran longer than {_limits.Timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception ex) when (ex is RecursionDepthOverflowException or InsufficientExecutionStackException)
        {
            return Fail(ScriptErrorKind.RecursionLimit, $"recursion deeper than {_limits.MaxRecursionDepth} calls");
        }
        catch (ScriptLimitException ex)
        {
            return Fail(ex.Kind, ex.Message);
        }
        catch (OutOfMemoryException)
        {
            return Fail(ScriptErrorKind.MemoryLimit, $"the script allocated more than {_limits.MaxMemoryBytes / (1024 * 1024)} MB");
        }
#pragma warning disable CA1031 // Jint 2 throws arbitrary CLR exceptions for some odd scripts; a script must never crash its caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Fail(ScriptErrorKind.Runtime, $"the script failed inside the engine ({ex.GetType().Name}: {ex.Message})");
        }
        finally
        {
            RunGuard.Exit();
            Return(engine, added, keep);
        }

        ScriptResult Fail(ScriptErrorKind kind, string message)
        {
            var (line, column) = LastLocation(engine, guard, compiled);
            return ScriptResult.Failure(new ScriptError(kind, message, line, column));
        }
    }

    private static ObjectInstance SetGlobals(Engine engine, ScriptScope scope, List<string> added)
    {
        var global = engine.Global;
        var vars = JsonInterop.ToJsObject(engine, scope.Vars);
        if (!scope.VarsWritable)
        {
            vars.Extensible = false;
            foreach (var (_, descriptor) in vars.GetOwnProperties())
            {
                descriptor.Writable = false;
                descriptor.Configurable = false;
            }
        }

        Define("vars", vars);
        Define("input", ToJs(scope.Input));
        Define("form", ToJs(scope.Form));
        Define("forms", ToJs(scope.Forms));
        Define("instance", ToJs(scope.Instance));
        Define("task", ToJs(scope.Task));
        Define("user", ToJs(scope.User));
        Define("row", ToJs(scope.Row));
        if (scope.Extra is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                if (global.HasOwnProperty(name))
                {
                    throw new ScriptLimitException(ScriptErrorKind.Runtime, $"the extra value '{name}' would hide a global of the same name");
                }

                Define(name, JsonInterop.ToJs(engine, value));
            }
        }

        return vars;

        JsValue ToJs(JsonElement? element) => element is { } e ? JsonInterop.ToJs(engine, e) : JsValue.Undefined;

        void Define(string name, JsValue value)
        {
            global.FastSetProperty(name, new PropertyDescriptor(value, false, false, true));
            added.Add(name);
        }
    }

    private Dictionary<string, JsonElement> WrittenVars(ObjectInstance vars, IReadOnlyDictionary<string, JsonElement> before)
    {
        var written = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, descriptor) in vars.GetOwnProperties().ToList())
        {
            if (descriptor.Enumerable != true || !descriptor.IsDataDescriptor())
            {
                continue;
            }

            var json = JsonInterop.ToJson(descriptor.Value ?? JsValue.Undefined, _limits.MaxOutputBytes);
            if (!before.TryGetValue(name, out var old) || !JsonElement.DeepEquals(old, json))
            {
                written[name] = json;
            }
        }

        return written;
    }

    private Engine Rent() => _pool.TryTake(out var engine) ? engine : EngineFactory.Create(_limits);

    private void Return(Engine engine, List<string> added, bool keep)
    {
        foreach (var name in added)
        {
            engine.Global.RemoveOwnProperty(name);
        }

        if (keep && _pool.Count < _limits.PoolSize)
        {
            _pool.Add(engine);
        }
    }

    private static (int? Line, int? Column) Map(CompiledScript compiled, int line, int column)
    {
        var (l, c) = compiled.ToUser(line, column);
        return (l, c);
    }

    private static (int? Line, int? Column) LastLocation(Engine engine, RunGuard guard, CompiledScript compiled)
    {
        var node = engine.GetLastSyntaxNode();
        if (node?.Location is null)
        {
            node = guard.LastStatement;
        }

        return node?.Location is { } location ? Map(compiled, location.Start.Line, location.Start.Column) : (null, null);
    }

    private static string Describe(JavaScriptException ex)
    {
        var error = ex.Error;
        if (error.IsObject())
        {
            var obj = error.AsObject();
            var name = obj.Get("name");
            var message = obj.Get("message");
            var text = message.IsUndefined() ? ex.Message : TypeConverter.ToString(message);
            if (text.Length == 0 && name.IsString() && name.AsString() == "TypeError")
            {
                text = "a property of null or undefined was read, something that is not a function was called, or a frozen built-in was changed";
            }

            if (text.Length == 0 && name.IsString() && name.AsString() == "ReferenceError")
            {
                text = "an undeclared variable was used or assigned (declare it with var; the globals are vars, input, form, forms, instance, task, user, row and the helpers)";
            }

            return name.IsString() ? $"{name.AsString()}: {text}" : text;
        }

        return error.IsUndefined() ? ex.Message : "uncaught " + (error.IsString() ? $"'{error.AsString()}'" : TypeConverter.ToString(error));
    }

    private static string Hash(string source, ScriptKind kind)
    {
        var bytes = Encoding.UTF8.GetBytes((kind == ScriptKind.Expression ? "E:" : "B:") + source);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
