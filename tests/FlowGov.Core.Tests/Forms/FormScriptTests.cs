using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class FormScriptTests
{
    [Theory]
    [InlineData("form.a > 1 && form.b == 'x'", "a,b")]
    [InlineData("sum(form.items, 'amount') + form . total", "items,total")]
    [InlineData("row.qty * 2", "")]
    [InlineData("Object.keys(form).length", null)]
    [InlineData("form.hasOwnProperty('a')", null)]
    [InlineData("form['a']", null)]
    [InlineData("var f = form; return f.a;", null)]
    [InlineData("row.form.x + form.y", "y")]
    [InlineData("formatDate(now(), 'yyyy') + forms.x", "")]
    public void Prepare_Source_FindsTheFormMembersItReads(string source, string? keys)
    {
        var script = FormScript.Prepare(Host, source, "compute")!;

        Assert.Null(script.PrepareError);
        Assert.Equal(keys is not null && keys.Length == 0 ? false : true, script.UsesForm);
        Assert.Equal(keys is null || keys.Length == 0 ? null : keys, script.FormKeys is null ? null : string.Join(",", script.FormKeys));
    }

    [Fact]
    public void Evaluate_ScriptsThatInspectTheWholeForm_SeeEveryField()
    {
        var form = Fields("""
            {"key": "a", "kind": "integer"},
            {"key": "b", "kind": "text"},
            {"key": "keys", "kind": "text", "compute": "Object.keys(form).sort().join(',')"},
            {"key": "own", "kind": "boolean", "compute": "form.hasOwnProperty('b')"},
            {"key": "partial", "kind": "integer", "compute": "form.a + (form.missing === undefined ? 1 : 0)"}
            """);

        var evaluation = Evaluate(form, """{"a": 1, "b": "x"}""");

        Assert.Equal("a,b", evaluation["keys"].Value.GetString());
        Assert.True(evaluation["own"].Value.GetBoolean());
        Assert.Equal(2, evaluation["partial"].Value.GetInt32());
    }
}
