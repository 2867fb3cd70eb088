using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGov.Core.Validation;

/// <summary>The naming rules of definitions: English keys and JavaScript (ES5) variable names.</summary>
internal static partial class Identifiers
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "continue", "debugger", "default", "delete", "do", "else", "finally", "for", "function",
        "if", "in", "instanceof", "new", "return", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with",
        "class", "const", "enum", "export", "extends", "import", "super", "implements", "interface", "let", "package",
        "private", "protected", "public", "static", "yield", "null", "true", "false", "undefined", "NaN", "Infinity",
    };

    /// <summary>A definition key: lower-case English letters, digits and hyphens, starting with a letter.</summary>
    public static bool IsKey(string? s) => s is not null && KeyPattern().IsMatch(s);

    /// <summary>An ES5 identifier (Unicode letters allowed) that is not a reserved word.</summary>
    public static bool IsJsIdentifier(string? s)
    {
        if (string.IsNullOrEmpty(s) || Reserved.Contains(s))
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c is '$' or '_')
            {
                continue;
            }

            var cat = char.GetUnicodeCategory(c);
            var letter = cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;
            var part = cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation;
            if (!letter && (i == 0 || !part))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsReserved(string s) => Reserved.Contains(s);

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}
