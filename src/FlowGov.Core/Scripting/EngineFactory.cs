using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using FlowGov.Core.Time;

namespace FlowGov.Core.Scripting;

/// <summary>
/// Builds one hardened engine: Jint's own limits, no CLR access (AllowClr is never called), code
/// generation from strings disabled, allocating built-ins guarded, helpers installed, and then
/// everything reachable from the global object frozen, so a script cannot leave anything behind
/// for the next run on the same pooled engine.
/// </summary>
internal static class EngineFactory
{
    public static Engine Create(ScriptLimits limits)
    {
        var engine = new Engine(options => options
            .Strict()
            .TimeoutInterval(limits.Timeout * ScriptLimits.WallClockFactor) // the hard wall cap; RunGuard enforces the CPU limit
            .MaxStatements(limits.MaxStatements)
            .LimitRecursion(limits.MaxRecursionDepth)
            .Culture(CultureInfo.InvariantCulture)
            .LocalTimeZone(WorkdayCalendar.ChinaStandardTime));

        BuiltinGuards.Install(engine);
        ScriptHelpers.Install(engine);

        // Jint sets an error's message with Put, which a frozen, inherited Error.prototype.message
        // would silently refuse (the ES5 "override mistake"). An accessor keeps the "" default and
        // puts the message on the error itself.
        foreach (var error in new[] { engine.Error, engine.EvalError, engine.RangeError, engine.ReferenceError, engine.SyntaxError, engine.TypeError, engine.UriError })
        {
            var proto = error.PrototypeObject;
            var getter = new ClrFunctionInstance(engine, (_, _) => "", 0);
            var setter = new ClrFunctionInstance(engine, (self, args) =>
            {
                if (self.IsObject() && self.AsObject() is var target && !ReferenceEquals(target, proto) && target.Extensible)
                {
                    target.FastAddProperty("message", args.Length > 0 ? args[0] : JsValue.Undefined, true, false, true);
                    return JsValue.Undefined;
                }

                throw new JavaScriptException(engine.TypeError, "cannot assign message: the object is frozen");
            }, 1);
            proto.FastSetProperty("message", new PropertyDescriptor(getter, setter, false, false));
        }

        AllowOverridingObjectMethods(engine);
        DeepFreeze(engine.Global);
        return engine;
    }

    /// <summary>
    /// With Object.prototype frozen, <c>o.toString = …</c> on a plain object would fail (an inherited
    /// read-only property blocks assignment in ES5). Its methods become accessors: reading gives the
    /// built-in, assigning defines the property on the object assigned to, never on the prototype.
    /// </summary>
    private static void AllowOverridingObjectMethods(Engine engine)
    {
        var proto = engine.Object.PrototypeObject;
        foreach (var (name, descriptor) in proto.GetOwnProperties().ToList())
        {
            if (!descriptor.IsDataDescriptor() || descriptor.Value is not { } value)
            {
                continue;
            }

            var getter = new ClrFunctionInstance(engine, (_, _) => value, 0);
            var setter = new ClrFunctionInstance(engine, (self, args) =>
            {
                if (self.IsObject() && self.AsObject() is var target && !ReferenceEquals(target, proto) && target.Extensible)
                {
                    target.FastAddProperty(name, args.Length > 0 ? args[0] : JsValue.Undefined, true, true, true);
                    return JsValue.Undefined;
                }

                throw new JavaScriptException(engine.TypeError, $"cannot assign {name}: the object is frozen");
            }, 1);
            proto.FastSetProperty(name, new PropertyDescriptor(getter, setter, false, false));
        }
    }

    /// <summary>Object.freeze on every object reachable from <paramref name="root"/> (own values, accessors and prototypes).</summary>
    private static void DeepFreeze(ObjectInstance root)
    {
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ObjectInstance>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var obj = pending.Pop();
            if (!seen.Add(obj))
            {
                continue;
            }

            if (obj.Prototype is { } proto)
            {
                pending.Push(proto);
            }

            foreach (var (_, descriptor) in obj.GetOwnProperties().ToList())
            {
                descriptor.Configurable = false;
                if (descriptor.IsDataDescriptor())
                {
                    descriptor.Writable = false;
                    if (descriptor.Value is { } value && value.IsObject())
                    {
                        pending.Push(value.AsObject());
                    }
                }
                else
                {
                    if (descriptor.Get is { } getter && getter.IsObject())
                    {
                        pending.Push(getter.AsObject());
                    }

                    if (descriptor.Set is { } setter && setter.IsObject())
                    {
                        pending.Push(setter.AsObject());
                    }
                }
            }

            obj.Extensible = false;
        }
    }
}
