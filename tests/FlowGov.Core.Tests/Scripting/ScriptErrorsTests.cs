using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Scripting;

public sealed class ScriptErrorsTests
{
    private readonly JintScriptHost _host = new(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10) });

    [Theory]
    [InlineData("vars.a +", 1, 26 - 25)]
    [InlineData("var x = 1;\nvar y = ;", 2, 9)]
    [InlineData("var x = 1;\n  if (x) {\n", 3, 1)]
    public void Prepare_SyntaxError_ReportsUserLineAndColumn(string source, int line, int column)
    {
        var kind = source.Contains(';', StringComparison.Ordinal) ? ScriptKind.Body : ScriptKind.Expression;
        var error = _host.Prepare(source, kind).Error;
        Assert.NotNull(error);
        Assert.Equal(ScriptErrorKind.Syntax, error!.Kind);
        Assert.Equal(line, error.Line);
        if (kind == ScriptKind.Body && line < 3)
        {
            Assert.Equal(column, error.Column);
        }
    }

    [Fact]
    public void Prepare_SyntaxErrorOnFirstLine_ColumnExcludesWrapper()
    {
        var error = _host.Prepare("var a = 1; var = 2;", ScriptKind.Body).Error!;
        Assert.Equal(1, error.Line);
        Assert.Equal(16, error.Column);
    }

    [Fact]
    public void Run_RuntimeError_ReportsUserLineAndColumn()
    {
        var result = _host.Body("var total = 0;\n  total += vars.missing.amount;\nreturn total;");
        Assert.Equal(ScriptErrorKind.Runtime, result.Error?.Kind);
        Assert.Equal(2, result.Error!.Line);
        Assert.Equal(3, result.Error.Column);
    }

    [Fact]
    public void Run_RuntimeErrorOnFirstLine_ColumnExcludesWrapper()
    {
        var result = _host.Body("var a = 1; unknownHelper(a);");
        Assert.Equal(1, result.Error!.Line);
        Assert.Equal(12, result.Error.Column);
        Assert.Contains("unknownHelper", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var f = function (x) { return x; };\nvar g = x => x * 2;", Es5Hints.Arrow)]
    [InlineData("let n = 1;", Es5Hints.LetConst)]
    [InlineData("const n = 1;", Es5Hints.LetConst)]
    [InlineData("var s = `case ${vars.id}`;", Es5Hints.Template)]
    [InlineData("class Party {}", Es5Hints.Class)]
    [InlineData("for (var p of vars.parties) {}", Es5Hints.ForOf)]
    [InlineData("var all = [...vars.parties];", Es5Hints.Spread)]
    [InlineData("function fee(amount = 0) { return amount; }", Es5Hints.DefaultParams)]
    [InlineData("var { a, b } = vars;", Es5Hints.Destructuring)]
    public void Prepare_Es6Syntax_GivesEs5Hint(string source, string hint)
    {
        var error = _host.Prepare(source, ScriptKind.Body).Error;
        Assert.NotNull(error);
        Assert.Equal(ScriptErrorKind.Syntax, error!.Kind);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Prepare_ArrowInExpression_PointsAtArrow()
    {
        var error = _host.Prepare("vars.parties.filter(p => p.ok)", ScriptKind.Expression).Error!;
        Assert.Contains(Es5Hints.Arrow, error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal(24, error.Column);
    }

    [Fact]
    public void Prepare_ArrowInsideString_GivesNoHint()
    {
        var error = _host.Prepare("var s = '=>'; var = 1;", ScriptKind.Body).Error!;
        Assert.DoesNotContain("arrow", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1); (function () { return 2; }", ScriptKind.Expression)]
    [InlineData("return 1; })(); var leaked = 1; (function () {", ScriptKind.Body)]
    public void Prepare_SourceEscapingWrapper_IsRejected(string source, ScriptKind kind)
    {
        var error = _host.Prepare(source, kind).Error;
        Assert.Equal(ScriptErrorKind.Syntax, error?.Kind);
    }
}
