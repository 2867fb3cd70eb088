using System.Text.RegularExpressions;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Native.RegExp;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace FlowGov.Core.Scripting;

/// <summary>
/// Wraps the built-ins that can allocate a lot, loop long or recurse natively in one call (where no
/// statement runs, so neither Jint's limits nor the statement probe would see it): size and length
/// are checked before the original runs, the run's budget after; regular expressions get a match
/// timeout; <c>eval</c> and the <c>Function</c> constructor are replaced by functions that throw.
/// </summary>
internal static class BuiltinGuards
{
    private const int MaxBindDepth = 16;
    private const int MaxJsonDepth = JsonInterop.MaxDepth;

    public static void Install(Engine engine)
    {
        DisableCodeGeneration(engine);

        var arrayProto = engine.Array.PrototypeObject;
        foreach (var name in new[] { "indexOf", "lastIndexOf", "forEach", "map", "filter", "some", "every", "reduce", "reduceRight", "reverse", "slice", "splice", "sort", "shift", "unshift" })
        {
            Wrap(engine, arrayProto, name, (g, self, args, original) =>
            {
                g.CheckArrayLength(LengthOf(engine, self), "Array.prototype." + name);
                return original.Call(self, args);
            });
        }

        // Jint 2's join and toLocaleString concatenate in a loop (quadratic: a 300 000-element join
        // copies gigabytes); these replacements are linear and check the budget as they grow.
        Replace(engine, arrayProto, "join", 1, (g, self, args) =>
            Join(engine, g, self, args.Length > 0 && !args[0].IsUndefined() ? TypeConverter.ToString(args[0]) : ",", false));
        Replace(engine, arrayProto, "toLocaleString", 0, (g, self, _) => Join(engine, g, self, ",", true));
        Wrap(engine, arrayProto, "toString", (g, self, args, original) =>
        {
            g.Enter();
            try
            {
                return original.Call(self, args);
            }
            finally
            {
                g.Leave();
            }
        });

        Wrap(engine, arrayProto, "concat", (g, self, args, original) =>
        {
            var total = LengthOf(engine, self);
            foreach (var a in args)
            {
                total += a.IsObject() && a.AsObject().Class == "Array" ? LengthOf(engine, a) : 1;
            }

            g.CheckArrayLength(total, "Array.prototype.concat");
            return original.Call(self, args);
        });

        var array = new GuardedArrayConstructor(engine, engine.Array);
        engine.Global.FastSetProperty("Array", new PropertyDescriptor(array, true, false, true));
        arrayProto.FastSetProperty("constructor", new PropertyDescriptor(array, true, false, true));

        GuardStrings(engine);
        GuardRegExp(engine);
        GuardJson(engine);
        GuardFunctions(engine);

        foreach (var (name, factor) in new[] { ("escape", 6.0), ("encodeURI", 9.0), ("encodeURIComponent", 9.0), ("unescape", 1.0), ("decodeURI", 1.0), ("decodeURIComponent", 1.0) })
        {
            Wrap(engine, engine.Global, name, (g, self, args, original) =>
            {
                g.CheckStringSize(args.Length > 0 ? TypeConverter.ToString(args[0]).Length * factor : 0, name);
                return original.Call(self, args);
            });
        }
    }

    private static void DisableCodeGeneration(Engine engine)
    {
        var evalDisabled = Thrower(engine, "eval is disabled in FlowGov scripts");
        engine.Global.FastSetProperty("eval", new PropertyDescriptor(evalDisabled, true, false, true));

        var functionDisabled = Thrower(engine, "the Function constructor is disabled in FlowGov scripts: write function (x) { … }");
        functionDisabled.FastAddProperty("prototype", engine.Function.PrototypeObject, false, false, false);
        engine.Global.FastSetProperty("Function", new PropertyDescriptor(functionDisabled, true, false, true));
        engine.Function.PrototypeObject.FastSetProperty("constructor", new PropertyDescriptor(functionDisabled, true, false, true));
    }

    private static ClrFunctionInstance Thrower(Engine engine, string message) =>
        new(engine, (_, _) => throw new JavaScriptException(engine.EvalError, message), 1);

    private static void GuardStrings(Engine engine)
    {
        var proto = engine.String.PrototypeObject;
        Wrap(engine, proto, "concat", (g, self, args, original) =>
        {
            double total = TypeConverter.ToString(self).Length;
            foreach (var a in args)
            {
                total += TypeConverter.ToString(a).Length;
            }

            g.CheckStringSize(total, "String.prototype.concat");
            return original.Call(self, args);
        });

        Wrap(engine, proto, "replace", (g, self, args, original) =>
        {
            var s = TypeConverter.ToString(self);
            var pattern = args.Length > 0 ? args[0] : JsValue.Undefined;
            if (pattern.IsObject() && pattern.AsObject() is RegExpInstance regex)
            {
                EnsureTimeout(regex, g);
            }

            var replacement = args.Length > 1 ? args[1] : JsValue.Undefined;
            if (!(replacement.IsObject() && replacement.AsObject() is ICallable))
            {
                // Worst case: every position matches and each match becomes the replacement ($& may repeat the input).
                var r = TypeConverter.ToString(replacement);
                var perMatch = r.Length + (r.Contains('$', StringComparison.Ordinal) ? s.Length * CountOf(r, '$') : 0);
                g.CheckStringSize(s.Length + ((double)(s.Length + 1) * perMatch), "String.prototype.replace");
            }

            var result = original.Call(self, args);
            g.CheckStringSize(result.IsString() ? result.AsString().Length : 0, "String.prototype.replace");
            return result;
        });

        Wrap(engine, proto, "split", (g, self, args, original) =>
        {
            var s = TypeConverter.ToString(self);
            if (args.Length > 0 && args[0].IsObject() && args[0].AsObject() is RegExpInstance regex)
            {
                EnsureTimeout(regex, g);
            }

            var limit = args.Length > 1 && !args[1].IsUndefined() ? TypeConverter.ToUint32(args[1]) : uint.MaxValue;
            g.CheckArrayLength(Math.Min(limit, s.Length + 1.0), "String.prototype.split");
            return original.Call(self, args);
        });

        foreach (var name in new[] { "match", "search" })
        {
            Wrap(engine, proto, name, (g, self, args, original) =>
            {
                var regex = args.Length > 0 && args[0].IsObject() && args[0].AsObject() is RegExpInstance r
                    ? r
                    : (RegExpInstance)engine.RegExp.Construct(args.Length > 0 ? [args[0]] : Arguments.Empty);
                EnsureTimeout(regex, g);
                return original.Call(self, [regex]);
            });
        }
    }

    private static void GuardRegExp(Engine engine)
    {
        foreach (var name in new[] { "exec", "test" })
        {
            Wrap(engine, engine.RegExp.PrototypeObject, name, (g, self, args, original) =>
            {
                if (self.IsObject() && self.AsObject() is RegExpInstance regex)
                {
                    EnsureTimeout(regex, g);
                }

                return original.Call(self, args);
            });
        }
    }

    private static void GuardJson(Engine engine)
    {
        Wrap(engine, engine.Json, "stringify", (g, self, args, original) =>
        {
            g.Enter();
            try
            {
                var value = args.Length > 0 ? args[0] : JsValue.Undefined;
                var replacer = args.Length > 1 ? args[1] : JsValue.Undefined;
                var space = args.Length > 2 ? args[2] : JsValue.Undefined;
                var indent = space.IsNumber() ? Math.Clamp(space.AsNumber(), 0, 10) : space.IsString() ? Math.Min(space.AsString().Length, 10) : 0;
                var budget = new JsonBudget(g, Math.Max(1024, g.Limits.MaxMemoryBytes / 8), indent);
                budget.Walk(value, 0, []);
                if (replacer.IsObject() && replacer.AsObject() is ICallable replace)
                {
                    // A replacer can return anything: count what it returns as it goes.
                    var counting = new ClrFunctionInstance(engine, (thisObj, replacerArgs) =>
                    {
                        var produced = replace.Call(thisObj, replacerArgs);
                        budget.Walk(produced, 0, []);
                        return produced;
                    }, 2);
                    args = [value, counting, space];
                }

                var result = original.Call(self, args);
                g.CheckStringSize(result.IsString() ? result.AsString().Length : 0, "JSON.stringify");
                return result;
            }
            finally
            {
                g.Leave();
            }
        });

        Wrap(engine, engine.Json, "parse", (g, self, args, original) =>
        {
            var text = args.Length > 0 ? TypeConverter.ToString(args[0]) : "";
            var depth = 0;
            var inString = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if ((c is '[' or '{') && ++depth > MaxJsonDepth)
                {
                    throw new ScriptLimitException(ScriptErrorKind.RecursionLimit, $"JSON.parse: the text is nested deeper than {MaxJsonDepth} levels");
                }
                else if (c is ']' or '}')
                {
                    depth--;
                }
            }

            g.CheckStringSize(text.Length * 4.0, "JSON.parse");
            return original.Call(self, args);
        });
    }

    private static void GuardFunctions(Engine engine)
    {
        var proto = engine.Function.PrototypeObject;
        Wrap(engine, proto, "apply", (g, self, args, original) =>
        {
            if (args.Length > 1 && args[1].IsObject())
            {
                g.CheckArrayLength(LengthOf(engine, args[1]), "Function.prototype.apply");
            }

            return original.Call(self, args);
        });

        Wrap(engine, proto, "bind", (g, self, args, original) =>
        {
            var depth = 0;
            for (var f = self; f.IsObject() && f.AsObject() is BindFunctionInstance bound; f = bound.TargetFunction)
            {
                if (++depth >= MaxBindDepth)
                {
                    throw new ScriptLimitException(ScriptErrorKind.RecursionLimit, $"bind: functions bound more than {MaxBindDepth} times over");
                }
            }

            return original.Call(self, args);
        });
    }

    /// <summary>Regexes are built by Jint without a match timeout; give each one the run's timeout before it matches.</summary>
    private static void EnsureTimeout(RegExpInstance regex, RunGuard guard)
    {
        if (regex.Value is { } r && r.MatchTimeout == Regex.InfiniteMatchTimeout)
        {
            regex.Value = new Regex(r.ToString(), r.Options, guard.Limits.Timeout);
        }
    }

    private static double LengthOf(Engine engine, JsValue value) =>
        value.IsObject() ? TypeConverter.ToUint32(value.AsObject().Get("length"))
        : value.IsString() ? value.AsString().Length
        : TypeConverter.ToObject(engine, value).Get("length") is var l && l.IsNumber() ? TypeConverter.ToUint32(l) : 0;

    private static double StringElementsLength(Engine engine, JsValue self, double length)
    {
        if (!self.IsObject())
        {
            return 0;
        }

        var obj = self.AsObject();
        double total = 0;
        if (obj is Jint.Native.Array.ArrayInstance)
        {
            // Jint arrays are sparse dictionaries: sum what is there instead of probing every index.
            foreach (var (_, descriptor) in obj.GetOwnProperties())
            {
                if (descriptor.IsDataDescriptor() && descriptor.Value is { } v && v.IsString())
                {
                    total += v.AsString().Length;
                }
            }

            return total;
        }

        for (uint i = 0; i < length; i++)
        {
            var item = obj.GetOwnProperty(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (item.IsDataDescriptor() && item.Value is { } v && v.IsString())
            {
                total += v.AsString().Length;
            }
        }

        _ = engine;
        return total;
    }

    private static int CountOf(string s, char c)
    {
        var n = 0;
        foreach (var x in s)
        {
            if (x == c)
            {
                n++;
            }
        }

        return n;
    }

    private static JsValue Join(Engine engine, RunGuard guard, JsValue self, string separator, bool locale)
    {
        guard.Enter();
        try
        {
            var obj = TypeConverter.ToObject(engine, self);
            var length = TypeConverter.ToUint32(obj.Get("length"));
            guard.CheckArrayLength(length, locale ? "Array.prototype.toLocaleString" : "Array.prototype.join");
            guard.CheckStringSize((Math.Max(length, 1) - 1.0) * separator.Length, "Array.prototype.join");
            var sb = new System.Text.StringBuilder();
            var isArray = obj is Jint.Native.Array.ArrayInstance;
            for (uint i = 0; i < length; i++)
            {
                if (i > 0)
                {
                    sb.Append(separator);
                }

                var key = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                JsValue item;
                if (isArray)
                {
                    // Frozen built-in prototypes hold no indexes: a hole is undefined, no chain walk needed.
                    var own = obj.GetOwnProperty(key);
                    item = own == PropertyDescriptor.Undefined ? JsValue.Undefined : own.IsDataDescriptor() ? own.Value ?? JsValue.Undefined : obj.Get(key);
                }
                else
                {
                    item = obj.Get(key);
                }

                if (!item.IsUndefined() && !item.IsNull())
                {
                    if (locale)
                    {
                        var method = TypeConverter.ToObject(engine, item).Get("toLocaleString");
                        item = method.IsObject() && method.AsObject() is ICallable callable
                            ? callable.Call(item, Arguments.Empty)
                            : throw new JavaScriptException(engine.TypeError, "toLocaleString is not a function");
                    }

                    sb.Append(TypeConverter.ToString(item));
                }

                if ((i & 1023) == 1023 || sb.Length > 65536)
                {
                    guard.CheckStringSize(sb.Length, "Array.prototype.join");
                    guard.Check();
                }
            }

            guard.CheckStringSize(sb.Length, "Array.prototype.join");
            return sb.ToString();
        }
        finally
        {
            guard.Leave();
        }
    }

    private static void Replace(Engine engine, ObjectInstance target, string name, int length, Func<RunGuard, JsValue, JsValue[], JsValue> body)
    {
        var fallback = target.Get(name).TryCast<ICallable>();
        var replacement = new ClrFunctionInstance(engine, (self, args) =>
            RunGuard.Current is { } guard ? body(guard, self, args) : fallback.Call(self, args), length);
        target.FastSetProperty(name, new PropertyDescriptor(replacement, true, false, true));
    }

    private static void Wrap(Engine engine, ObjectInstance target, string name, Func<RunGuard, JsValue, JsValue[], ICallable, JsValue> body)
    {
        var originalValue = target.Get(name);
        if (!originalValue.IsObject() || originalValue.AsObject() is not ICallable original)
        {
            return; // not every ES5 global exists in Jint 2 (escape, unescape)
        }

        var length = originalValue.AsObject().Get("length") is var l && l.IsNumber() ? (int)l.AsNumber() : 0;
        var wrapper = new ClrFunctionInstance(engine, (self, args) =>
        {
            var guard = RunGuard.Current;
            if (guard is null)
            {
                return original.Call(self, args);
            }

            guard.Check();
            var result = body(guard, self, args, original);
            guard.Check();
            return result;
        }, length);
        target.FastSetProperty(name, new PropertyDescriptor(wrapper, true, false, true));
    }
}
