using System.Text;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Scripting;

/// <summary>
/// When a script does not parse as ES5, names the newer syntax it probably used and the ES5 way to
/// write it. Looks at the source with string contents and comments blanked out.
/// </summary>
internal static partial class Es5Hints
{
    public const string Arrow = "arrow functions are not supported (ES5): write function (x) { … }";
    public const string LetConst = "use var (ES5)";
    public const string Template = "template strings are not supported (ES5): use 'a' + b";
    public const string Class = "classes are not supported (ES5): write a constructor function and set its prototype";
    public const string ForOf = "for…of is not supported (ES5): use for (var i = 0; i < a.length; i++) or a.forEach(function (x) { … })";
    public const string Spread = "spread and rest (...) are not supported (ES5): use f.apply(null, args), a.concat(b) or the arguments object";
    public const string DefaultParams = "default parameters are not supported (ES5): write if (x === undefined) { x = …; } in the body";
    public const string Destructuring = "destructuring is not supported (ES5): write var a = o.a; var b = o.b;";

    public static string? Find(string source)
    {
        var code = Blank(source, out var hasBacktick);
        if (hasBacktick)
        {
            return Template;
        }

        (Regex Pattern, string Hint)[] checks =
        [
            (ArrowPattern(), Arrow),
            (LetConstPattern(), LetConst),
            (ClassPattern(), Class),
            (ForOfPattern(), ForOf),
            (SpreadPattern(), Spread),
            (DefaultParamsPattern(), DefaultParams),
            (DestructuringPattern(), Destructuring),
        ];

        string? best = null;
        var bestIndex = int.MaxValue;
        foreach (var (pattern, hint) in checks)
        {
            var m = pattern.Match(code);
            if (m.Success && m.Index < bestIndex)
            {
                (best, bestIndex) = (hint, m.Index);
            }
        }

        return best;
    }

    /// <summary>Blanks string contents and comments (keeping length and line breaks); notes a backtick outside them.</summary>
    private static string Blank(string source, out bool hasBacktick)
    {
        hasBacktick = false;
        var sb = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c is '\'' or '"')
            {
                sb.Append(c);
                i++;
                while (i < source.Length && source[i] != c && source[i] != '\n')
                {
                    if (source[i] == '\\' && i + 1 < source.Length)
                    {
                        sb.Append("  ");
                        i += 2;
                        continue;
                    }

                    sb.Append(' ');
                    i++;
                }

                if (i < source.Length)
                {
                    sb.Append(source[i]);
                    i++;
                }
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    sb.Append(' ');
                    i++;
                }
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                while (i < source.Length && !(source[i] == '*' && i + 1 < source.Length && source[i + 1] == '/'))
                {
                    sb.Append(source[i] == '\n' ? '\n' : ' ');
                    i++;
                }

                sb.Append(i < source.Length ? "  " : "");
                i += 2;
            }
            else
            {
                hasBacktick |= c == '`';
                sb.Append(c);
                i++;
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"=>")]
    private static partial Regex ArrowPattern();

    [GeneratedRegex(@"\b(?:let|const)\s+[A-Za-z_$]")]
    private static partial Regex LetConstPattern();

    [GeneratedRegex(@"\bclass\s+[A-Za-z_$]")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"\bfor\s*\(\s*(?:var\s+|let\s+|const\s+)?[A-Za-z_$][\w$]*\s+of\b")]
    private static partial Regex ForOfPattern();

    [GeneratedRegex(@"\.\.\.")]
    private static partial Regex SpreadPattern();

    [GeneratedRegex(@"\bfunction\b\s*[\w$]*\s*\([^)]*=")]
    private static partial Regex DefaultParamsPattern();

    [GeneratedRegex(@"\b(?:var|let|const)\s*[\[{]")]
    private static partial Regex DestructuringPattern();
}
