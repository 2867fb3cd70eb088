using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Function;
using Jint.Native.Object;

namespace FlowGov.Core.Scripting;

/// <summary>The global <c>Array</c>: Jint's constructor behind a length check, so <c>new Array(1e9)</c> trips the memory limit.</summary>
internal sealed class GuardedArrayConstructor : FunctionInstance, IConstructor
{
    private readonly ArrayConstructor _inner;

    public GuardedArrayConstructor(Engine engine, ArrayConstructor inner)
        : base(engine, ["length"], null, true)
    {
        _inner = inner;
        Prototype = engine.Function.PrototypeObject;
        Extensible = true;
        FastAddProperty("length", 1, false, false, false);
        FastAddProperty("prototype", inner.PrototypeObject, false, false, false);
        FastAddProperty("isArray", inner.Get("isArray"), true, false, true);
    }

    public override JsValue Call(JsValue thisObject, JsValue[] arguments) => Construct(arguments);

    public ObjectInstance Construct(JsValue[] arguments)
    {
        if (arguments.Length == 1 && arguments[0].IsNumber())
        {
            RunGuard.Current?.CheckArrayLength(arguments[0].AsNumber(), "new Array");
        }

        return _inner.Construct(arguments);
    }
}
