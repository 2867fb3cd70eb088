using System.Runtime.CompilerServices;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Parser.Ast;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The statement the host injects before every statement of a script: <c>&lt;probe&gt;.p;</c>, a
/// member read on an object that no script can name (it sits in the syntax tree as an
/// already-evaluated literal). Reading it runs <see cref="RunGuard.Probe"/> and gives back the
/// statement it cost, so <see cref="ScriptLimits.MaxStatements"/> counts only the script's own.
/// Costs about a property read per statement, where Jint's DebugMode step hook copies every
/// variable in scope per statement.
/// </summary>
internal sealed class MemoryProbe : ObjectInstance
{
    private static readonly Lazy<MemoryProbe> Shared = new(() => new MemoryProbe(new Engine()), LazyThreadSafetyMode.ExecutionAndPublication);

    private MemoryProbe(Engine owner)
        : base(owner)
    {
        Extensible = false;
    }

    public static MemoryProbe Instance => Shared.Value;

    public override JsValue Get(string propertyName)
    {
        var guard = RunGuard.Current;
        if (guard is not null)
        {
            StatementsCount(guard.Engine)--;
            guard.LastStatement = LastSyntaxNode(guard.Engine);
            guard.Probe();
        }

        return JsValue.Undefined;
    }

    /// <summary>A fresh probe statement located at <paramref name="at"/> (so a memory error points at the statement that follows).</summary>
    public static ExpressionStatement Statement(SyntaxNode at)
    {
        var literal = new Literal
        {
            Type = SyntaxNodes.Literal,
            Cached = true,
            CachedValue = new JsValue(Instance),
            Location = at.Location,
            Range = at.Range,
        };
        var member = new MemberExpression
        {
            Type = SyntaxNodes.MemberExpression,
            Object = literal,
            Property = new Literal { Type = SyntaxNodes.Literal, Value = "p", Cached = true, CachedValue = new JsValue("p"), Location = at.Location, Range = at.Range },
            Computed = true,
            Location = at.Location,
            Range = at.Range,
        };
        return new ExpressionStatement
        {
            Type = SyntaxNodes.ExpressionStatement,
            Expression = member,
            Location = at.Location,
            Range = at.Range,
        };
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_lastSyntaxNode")]
    private static extern ref SyntaxNode? LastSyntaxNode(Engine engine);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_statementsCount")]
    private static extern ref int StatementsCount(Engine engine);
}
