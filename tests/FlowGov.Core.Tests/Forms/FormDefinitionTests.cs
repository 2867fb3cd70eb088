using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class FormDefinitionTests
{
    [Fact]
    public void Parse_FullDefinition_ReadsSectionsFieldsAndActions()
    {
        var form = FormDefinition.Parse("""
            {
              "key": "visit", "title": "回访",
              "sections": [{"key": "s1", "title": "回访信息", "fields": [
                {"key": "satisfied", "label": "是否满意", "kind": "boolean", "required": true},
                {"key": "score", "label": "评分", "kind": "rating"}
              ]}],
              "actions": [
                {"key": "approve", "label": "办结", "style": "primary"},
                {"key": "reject", "label": "重新办理", "style": "danger", "confirm": "确定重新办理？"},
                {"key": "return", "label": "退回", "validate": false}
              ]
            }
            """);

        Assert.Equal("visit", form.Key);
        Assert.Equal(["satisfied", "score"], form.AllFields.Select(f => f.Key));
        Assert.Equal(FieldKind.Rating, form.AllFields.Last().Kind);
        Assert.Equal(["approve", "reject", "return"], form.Actions.Select(a => a.Key));
        Assert.False(form.FindAction("return")!.Validate);
        Assert.True(form.FindAction("approve")!.Validate);
        Assert.Equal("danger", form.FindAction("reject")!.Style);
    }

    [Fact]
    public void Parse_InvalidDefinition_ThrowsWithEveryProblem()
    {
        var ex = Assert.Throws<FormDefinitionException>(() => FormDefinition.Parse("""
            {"key": "x", "fields": [{"key": "a", "kind": "text"}, {"key": "a", "kind": "text"}, {"key": "b", "kind": "slider"}]}
            """));

        Assert.Equal(2, ex.Problems.Count);
    }

    [Fact]
    public void Validate_BrokenDefinition_ReportsEveryProblemWithFieldAndProperty()
    {
        var problems = FormDefinitionValidator.Validate(Json("""
            {
              "key": "broken",
              "fields": [
                {"key": "a", "kind": "text"},
                {"key": "a", "kind": "text"},
                {"key": "b", "kind": "slider"},
                {"key": "c", "kind": "text", "pattern": "([a-z"},
                {"key": "d", "kind": "select"},
                {"key": "e", "kind": "number", "min": "zero", "requried": true},
                {"key": "9bad", "kind": "text"},
                {"key": "g", "kind": "group", "fields": [{"key": "h", "kind": "group", "fields": [{"key": "i", "kind": "text"}]}]},
                {"key": "j", "kind": "mobile", "default": "123"}
              ],
              "actions": [{"key": "Submit!", "label": "提交"}]
            }
            """), Host);

        var found = problems.Select(p => $"{p.Field}|{p.Property}").ToHashSet();
        Assert.Contains("a|key", found);
        Assert.Contains("b|kind", found);
        Assert.Contains("c|pattern", found);
        Assert.Contains("d|options", found);
        Assert.Contains("e|min", found);
        Assert.Contains("e|requried", found);
        Assert.Contains("fields[6]|key", found);
        Assert.Contains("g.h|kind", found);
        Assert.Contains("j|default", found);
        Assert.Contains("|actions[0].key", found);
    }

    [Fact]
    public void Validate_ScriptsThatDoNotParse_ReportLineAndColumn()
    {
        var problems = FormDefinitionValidator.Validate(Json("""
            {
              "key": "scripts",
              "fields": [
                {"key": "a", "kind": "text", "visibleWhen": "form.b =>"},
                {"key": "b", "kind": "text", "validate": "var x = 1;\nif (x > { return 'no'; }"},
                {"key": "rows", "kind": "group", "fields": [{"key": "c", "kind": "text", "compute": "let y = 1; return y;"}]},
                {"key": "ok", "kind": "text", "visibleWhen": "form.a == 'x'", "validate": "if (!value) { return '必填'; }"}
              ],
              "validate": "return {"
            }
            """), Host);

        Assert.Equal(["a|visibleWhen", "b|validate", "rows.c|compute", "|validate"], problems.Select(p => $"{p.Field}|{p.Property}"));
        Assert.All(problems, p => Assert.NotNull(p.Line));
        Assert.Equal(2, problems[1].Line);
        Assert.Contains("let", problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodDefinition_HasNoProblems()
    {
        var problems = FormDefinitionValidator.Validate(Json("""
            {"key": "ok", "title": "好", "fields": [
              {"key": "a", "kind": "select", "options": [{"value": "1", "label": "一"}], "default": "1"},
              {"key": "b", "kind": "text", "x-designer": {"width": 2}}
            ], "actions": [{"key": "submit", "label": "提交"}]}
            """), Host);

        Assert.Empty(problems);
    }
}
