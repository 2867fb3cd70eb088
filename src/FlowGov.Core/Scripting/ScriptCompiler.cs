using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Jint.Parser;
using Jint.Parser.Ast;

namespace FlowGov.Core.Scripting;

/// <summary>
/// Turns designer source into a Jint program: wraps it in a strict function (so declarations stay
/// local and undeclared assignments fail), checks the wrapper was not escaped, injects the memory
/// probe before every statement, and turns regex literals into <c>new RegExp(…)</c> (Jint 2 caches
/// a literal's value on the shared syntax tree, which would share one RegExp object between runs,
/// engines and threads).
/// </summary>
internal static class ScriptCompiler
{
    private const string ExpressionPrefix = "(function(){'use strict';return (";
    private const string ExpressionSuffix = "\n);})()";
    private const string BodyPrefix = "(function(){'use strict';";
    private const string BodySuffix = "\n})()";

    private static readonly ConcurrentDictionary<Type, NodeMember[]> Members = new();

    /// <summary>Parses and instruments; returns the program or a syntax error in the designer's coordinates.</summary>
    public static (CompiledScript? Script, ScriptError? Error) Compile(string source, ScriptKind kind)
    {
        var (prefix, suffix) = kind == ScriptKind.Expression ? (ExpressionPrefix, ExpressionSuffix) : (BodyPrefix, BodySuffix);
        var wrapped = prefix + source + suffix;
        var userLines = CountLines(source);
        var shell = new CompiledScript(new Program(), prefix.Length, userLines);

        Program program;
        try
        {
            program = new JavaScriptParser().Parse(wrapped, new ParserOptions());
        }
        catch (ParserException ex)
        {
            // Parser columns are 1-based; CompiledScript maps 0-based ones.
            var (line, column) = shell.ToUser(ex.LineNumber, ex.Column - 1);
            if (ex.LineNumber > userLines)
            {
                (line, column) = (userLines, LastLineLength(source) + 1);
            }

            return (null, SyntaxError(source, Describe(ex), line, column));
        }

        var function = Unwrap(program, wrapped, prefix, suffix);
        if (kind == ScriptKind.Expression && function?.Body is BlockStatement { Body: var statements } && statements.Count() != 2)
        {
            function = null;
        }

        if (function is null)
        {
            return (null, new ScriptError(ScriptErrorKind.Syntax, kind == ScriptKind.Expression
                ? "not a single expression: the source closes the expression early (check parentheses and braces)"
                : "unbalanced braces: the source closes the function body early", 1, 1));
        }

        var rewriter = new Rewriter();
        if (Rewriter.FindLetOrConst(program) is { } declaration)
        {
            var (line, column) = shell.ToUser(declaration.Location.Start.Line, declaration.Location.Start.Column);
            return (null, new ScriptError(ScriptErrorKind.Syntax, $"'{declaration.Kind}' is not supported: use var (ES5)", line, column));
        }

        rewriter.Rewrite(function, instrumentTop: kind == ScriptKind.Body);
        return (new CompiledScript(program, prefix.Length, userLines), null);
    }

    private static FunctionExpression? Unwrap(Program program, string wrapped, string prefix, string suffix)
    {
        if (program.Body.Count != 1
            || program.Body.First() is not ExpressionStatement { Expression: CallExpression { Arguments.Count: 0, Callee: FunctionExpression function } }
            || function.Body is not BlockStatement body
            || body.Range is not { Length: 2 } range)
        {
            return null;
        }

        var openBrace = prefix.IndexOf('{', StringComparison.Ordinal);
        var closeBrace = wrapped.Length - suffix.Length + suffix.IndexOf('}', StringComparison.Ordinal);
        return range[0] == openBrace && range[1] == closeBrace + 1 ? function : null;
    }

    private static ScriptError SyntaxError(string source, string message, int line, int column)
    {
        var hint = Es5Hints.Find(source);
        return new ScriptError(ScriptErrorKind.Syntax, hint is null ? message : $"{message}: {hint}", line, column);
    }

    private static string Describe(ParserException ex) =>
        string.IsNullOrEmpty(ex.Description) ? ex.Message : ex.Description;

    private static int CountLines(string source)
    {
        var lines = 1;
        foreach (var c in source)
        {
            if (c == '\n')
            {
                lines++;
            }
        }

        return lines;
    }

    private static int LastLineLength(string source)
    {
        var lastBreak = source.LastIndexOf('\n');
        return source.Length - lastBreak - 1;
    }

    private sealed record NodeMember(string Name, Type Type, Func<object, object?> Get, Action<object, object?>? Set);

    private sealed class Rewriter
    {
        private readonly HashSet<SyntaxNode> _visited = new(ReferenceEqualityComparer.Instance);

        public static VariableDeclaration? FindLetOrConst(SyntaxNode root)
        {
            VariableDeclaration? found = null;
            Visit(root, new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance), node =>
            {
                if (found is null && node is VariableDeclaration { Kind: "let" or "const" } d)
                {
                    found = d;
                }
            });
            return found;
        }

        public void Rewrite(FunctionExpression wrapper, bool instrumentTop)
        {
            var body = (BlockStatement)wrapper.Body;
            _visited.Add(wrapper);
            _visited.Add(body);
            foreach (var statement in body.Body)
            {
                RewriteNode(statement);
            }

            body.Body = instrumentTop ? Instrument(body.Body) : body.Body.ToList();
        }

        private static void Visit(SyntaxNode node, HashSet<SyntaxNode> seen, Action<SyntaxNode> action)
        {
            if (!seen.Add(node))
            {
                return;
            }

            action(node);
            foreach (var member in MembersOf(node.GetType()))
            {
                switch (member.Get(node))
                {
                    case SyntaxNode child:
                        Visit(child, seen, action);
                        break;
                    case IEnumerable children and not string:
                        foreach (var c in children)
                        {
                            if (c is SyntaxNode n)
                            {
                                Visit(n, seen, action);
                            }
                        }

                        break;
                }
            }
        }

        private void RewriteNode(SyntaxNode node)
        {
            if (!_visited.Add(node))
            {
                return;
            }

            foreach (var member in MembersOf(node.GetType()))
            {
                var value = member.Get(node);
                switch (value)
                {
                    case Literal { Type: SyntaxNodes.RegularExpressionLiteral } regex when member.Set is not null && member.Type.IsAssignableFrom(typeof(NewExpression)):
                        member.Set(node, NewRegExp(regex));
                        break;
                    case SyntaxNode child:
                        RewriteNode(child);
                        break;
                    case IEnumerable children and not string:
                        RewriteList(node, member, children);
                        break;
                }
            }

            switch (node)
            {
                case BlockStatement block:
                    block.Body = Instrument(block.Body);
                    break;
                case SwitchCase switchCase:
                    switchCase.Consequent = Instrument(switchCase.Consequent);
                    break;
                case WhileStatement loop:
                    loop.Body = Probed(loop.Body);
                    break;
                case DoWhileStatement loop:
                    loop.Body = Probed(loop.Body);
                    break;
                case ForStatement loop:
                    loop.Body = Probed(loop.Body);
                    break;
                case ForInStatement loop:
                    loop.Body = Probed(loop.Body);
                    break;
            }
        }

        private void RewriteList(SyntaxNode owner, NodeMember member, IEnumerable children)
        {
            var items = children.Cast<object?>().ToList();
            var replaced = false;
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] is Literal { Type: SyntaxNodes.RegularExpressionLiteral } regex)
                {
                    items[i] = NewRegExp(regex);
                    replaced = true;
                }
                else if (items[i] is SyntaxNode child)
                {
                    RewriteNode(child);
                }
            }

            if (replaced && member.Set is not null)
            {
                var elementType = member.Type.IsGenericType ? member.Type.GetGenericArguments()[0] : typeof(Expression);
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
                foreach (var item in items)
                {
                    list.Add(item);
                }

                member.Set(owner, list);
            }
        }

        private static List<Statement> Instrument(IEnumerable<Statement> statements)
        {
            var result = new List<Statement>();
            foreach (var statement in statements)
            {
                if (statement is not (FunctionDeclaration or EmptyStatement) && statement.Location is not null)
                {
                    result.Add(MemoryProbe.Statement(statement));
                }

                result.Add(statement);
            }

            return result;
        }

        private static Statement Probed(Statement body) =>
            body is BlockStatement || body.Location is null
                ? body
                : new BlockStatement
                {
                    Type = SyntaxNodes.BlockStatement,
                    Body = [MemoryProbe.Statement(body), body],
                    Location = body.Location,
                    Range = body.Range,
                };

        private static NewExpression NewRegExp(Literal regex)
        {
            var raw = regex.Raw ?? "//";
            var lastSlash = raw.LastIndexOf('/');
            var pattern = lastSlash > 0 ? raw[1..lastSlash] : raw;
            var flags = lastSlash > 0 ? raw[(lastSlash + 1)..] : "";
            Literal Str(string s) => new() { Type = SyntaxNodes.Literal, Value = s, Raw = s, Location = regex.Location, Range = regex.Range };
            return new NewExpression
            {
                Type = SyntaxNodes.NewExpression,
                Callee = new Identifier { Type = SyntaxNodes.Identifier, Name = "RegExp", Location = regex.Location, Range = regex.Range },
                Arguments = new List<Expression> { Str(pattern), Str(flags) },
                Location = regex.Location,
                Range = regex.Range,
            };
        }
    }

    private static NodeMember[] MembersOf(Type type) => Members.GetOrAdd(type, static t =>
    {
        var result = new List<NodeMember>();
        foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsNodeType(field.FieldType))
            {
                result.Add(new NodeMember(field.Name, field.FieldType, field.GetValue, field.IsInitOnly ? null : field.SetValue));
            }
        }

        foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The scope lists repeat declarations already in the body.
            if (property.Name is "VariableDeclarations" or "FunctionDeclarations" || property.GetIndexParameters().Length > 0 || !IsNodeType(property.PropertyType))
            {
                continue;
            }

            result.Add(new NodeMember(property.Name, property.PropertyType, property.GetValue, property.CanWrite ? property.SetValue : null));
        }

        return [.. result];
    });

    private static bool IsNodeType(Type type)
    {
        if (typeof(SyntaxNode).IsAssignableFrom(type))
        {
            return true;
        }

        return type.IsGenericType
            && typeof(IEnumerable).IsAssignableFrom(type)
            && typeof(SyntaxNode).IsAssignableFrom(type.GetGenericArguments()[0]);
    }
}
