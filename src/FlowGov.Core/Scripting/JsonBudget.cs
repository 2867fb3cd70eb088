using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;

namespace FlowGov.Core.Scripting;

/// <summary>
/// Walks a value the way JSON.stringify will, before it does, counting the characters it would
/// write: Jint serializes by recursive string concatenation with no limit on size or depth.
/// </summary>
internal sealed class JsonBudget
{
    private readonly RunGuard _guard;
    private readonly double _indent;
    private readonly long _maxChars;
    private double _left;
    private int _nodes;

    public JsonBudget(RunGuard guard, long maxChars, double indent)
    {
        _guard = guard;
        _maxChars = maxChars;
        _left = maxChars;
        _indent = indent;
    }

    public void Walk(JsValue value, int depth, List<ObjectInstance> stack)
    {
        if (++_nodes % 1024 == 0)
        {
            _guard.Check();
        }

        if (value.IsString())
        {
            Spend(value.AsString().Length + 2);
            return;
        }

        if (!value.IsObject())
        {
            Spend(8);
            return;
        }

        var obj = value.AsObject();
        if (obj is ICallable)
        {
            Spend(4);
            return;
        }

        switch (obj.Class)
        {
            case "Date":
                Spend(26);
                return;
            case "String" or "Number" or "Boolean":
                Walk(TypeConverter.ToPrimitive(value), depth, stack);
                return;
        }

        if (stack.Contains(obj))
        {
            return; // a cycle: JSON.stringify itself throws a TypeError for it
        }

        if (depth >= JsonInterop.MaxDepth)
        {
            throw new ScriptLimitException(ScriptErrorKind.RecursionLimit, $"JSON.stringify: the value is nested deeper than {JsonInterop.MaxDepth} levels");
        }

        var toJson = obj.Get("toJSON");
        if (toJson.IsObject() && toJson.AsObject() is ICallable callable)
        {
            Walk(callable.Call(value, [JsValue.FromObject(obj.Engine, "")]), depth, stack);
            return;
        }

        stack.Add(obj);
        Spend(2 + (_indent * depth));
        if (obj is ArrayInstance)
        {
            var length = TypeConverter.ToUint32(obj.Get("length"));
            _guard.CheckArrayLength(length, "JSON.stringify");
            for (uint i = 0; i < length; i++)
            {
                Spend(1 + (_indent * (depth + 1)));
                Walk(obj.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), depth + 1, stack);
            }
        }
        else
        {
            foreach (var (name, descriptor) in obj.GetOwnProperties().ToList())
            {
                if (descriptor.Enumerable == true)
                {
                    Spend(name.Length + 4 + (_indent * (depth + 1)));
                    Walk(obj.Get(name), depth + 1, stack);
                }
            }
        }

        stack.RemoveAt(stack.Count - 1);
    }

    private void Spend(double chars)
    {
        _left -= chars;
        if (_left < 0)
        {
            throw new ScriptLimitException(ScriptErrorKind.MemoryLimit, $"JSON.stringify would make more than {_maxChars} characters, over the memory limit");
        }
    }
}
