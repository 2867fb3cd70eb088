using Jint.Parser.Ast;

namespace FlowGov.Core.Scripting;

/// <summary>What <see cref="PreparedScript.Compiled"/> holds for the Jint host: the wrapped, instrumented program.</summary>
internal sealed class CompiledScript
{
    public CompiledScript(Program program, int prefixLength, int userLineCount)
    {
        Program = program;
        PrefixLength = prefixLength;
        UserLineCount = userLineCount;
    }

    public Program Program { get; }

    /// <summary>Characters of wrapper before the user's first character, all on line 1.</summary>
    public int PrefixLength { get; }

    public int UserLineCount { get; }

    /// <summary>Maps a 1-based line and 0-based column of the wrapped source to the designer's 1-based line and column.</summary>
    public (int Line, int Column) ToUser(int line, int zeroBasedColumn)
    {
        if (line <= 0)
        {
            return (1, 1);
        }

        if (line > UserLineCount)
        {
            return (UserLineCount, 1);
        }

        var column = line == 1 ? zeroBasedColumn - PrefixLength : zeroBasedColumn;
        return (line, Math.Max(0, column) + 1);
    }
}
