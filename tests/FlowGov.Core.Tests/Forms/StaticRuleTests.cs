using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class StaticRuleTests
{
    [Theory]
    [InlineData("""{"kind": "number", "min": 0, "max": 10}""", "-1", "number.min")]
    [InlineData("""{"kind": "number", "min": 0, "max": 10}""", "10.5", "number.max")]
    [InlineData("""{"kind": "money", "min": 0.01}""", "0", "number.min")]
    [InlineData("""{"kind": "integer", "max": 100}""", "101", "number.max")]
    [InlineData("""{"kind": "date", "min": "2024-01-01"}""", "\"2023-12-31\"", "date.min")]
    [InlineData("""{"kind": "date", "max": "2024-12-31"}""", "\"2025-01-01\"", "date.max")]
    [InlineData("""{"kind": "datetime", "min": "2024-05-01T08:00:00+08:00"}""", "\"2024-05-01T07:59:00+08:00\"", "date.min")]
    [InlineData("""{"kind": "text", "minLength": 5}""", "\"太短\"", "text.minLength")]
    [InlineData("""{"kind": "textarea", "maxLength": 3}""", "\"太长了吧\"", "text.maxLength")]
    [InlineData("""{"kind": "text", "pattern": "[A-Z]{2}\\d{4}"}""", "\"AB12345\"", "text.pattern")]
    [InlineData("""{"kind": "checkboxes", "options": ["a", "b", "c"], "minCount": 2}""", "[\"a\"]", "count.min")]
    [InlineData("""{"kind": "multiselect", "options": ["a", "b", "c"], "maxCount": 1}""", "[\"a\", \"b\"]", "count.max")]
    [InlineData("""{"kind": "rating", "max": 10}""", "11", "rating.range")]
    public void Validate_ValueBreaksRule_ReturnsRuleError(string field, string value, string key)
    {
        var form = Fields("{\"key\": \"f\", \"label\": \"字段\", " + field.TrimStart('{'));

        var result = Validate(form, $$"""{"f": {{value}} }""");

        Assert.Equal("f:" + key, ErrorKeys(result));
    }

    [Theory]
    [InlineData("""{"kind": "number", "min": 0, "max": 10}""", "10")]
    [InlineData("""{"kind": "date", "min": "2024-01-01"}""", "\"2024-01-01\"")]
    [InlineData("""{"kind": "text", "pattern": "[A-Z]{2}\\d{4}"}""", "\"AB1234\"")]
    [InlineData("""{"kind": "text", "minLength": 2, "maxLength": 2}""", "\"网格\"")]
    [InlineData("""{"kind": "rating", "max": 10}""", "10")]
    public void Validate_ValueWithinRule_IsValid(string field, string value)
    {
        var form = Fields("{\"key\": \"f\", " + field.TrimStart('{'));

        Assert.True(Validate(form, $$"""{"f": {{value}} }""").IsValid);
    }

    [Fact]
    public void Validate_PatternWithMessage_UsesDesignerMessageInBothLanguages()
    {
        var form = Fields("""
            {"key": "plate", "kind": "text", "pattern": "[\u4e00-\u9fa5][A-Z][A-Z0-9]{5}",
             "patternMessage": {"zh-CN": "请输入正确的车牌号", "en": "Enter a valid plate number"}}
            """);

        var error = Assert.Single(Validate(form, """{"plate": "ABC"}""").Errors);

        Assert.Equal(("text.pattern", "请输入正确的车牌号", "Enter a valid plate number"), (error.Key, error.Message, error.MessageEn));
        Assert.True(Validate(form, """{"plate": "苏A12345"}""").IsValid);
    }

    [Fact]
    public void Validate_OptionsFromVariable_AcceptsOnlyThoseOptions()
    {
        var form = Fields("""{"key": "dept", "kind": "select", "optionsFrom": "vars.departments"}""");
        var context = Context(vars: """{"departments": [{"value": "works", "label": "市政"}, "water"]}""");

        Assert.True(Validate(form, """{"dept": "works"}""", context).IsValid);
        Assert.True(Validate(form, """{"dept": "water"}""", context).IsValid);
        Assert.Equal("dept:option.invalid", ErrorKeys(Validate(form, """{"dept": "police"}""", context)));
        Assert.Equal("dept:option.invalid", ErrorKeys(Validate(form, """{"dept": "works"}""")));
    }

    [Fact]
    public void Evaluate_OptionsFromVariable_ReportsOptions()
    {
        var form = Fields("""{"key": "dept", "kind": "radio", "optionsFrom": "vars.org.departments"}""");
        var context = Context(vars: """{"org": {"departments": [{"value": "works", "label": "市政"}]}}""");

        var state = Evaluate(form, "{}", context)["dept"];

        Assert.Equal([new FieldOption("works", "市政")], state.Options);
    }

    [Fact]
    public void Evaluate_MissingValueWithDefault_UsesDefault()
    {
        var form = Fields("""
            {"key": "count", "kind": "integer", "default": 1},
            {"key": "urgent", "kind": "boolean", "default": false},
            {"key": "kinds", "kind": "checkboxes", "options": ["a", "b"], "default": ["b"]}
            """);

        var evaluation = Evaluate(form, """{"count": 3}""");

        Assert.True(SameJson(evaluation.Values, """{"count": 3, "urgent": false, "kinds": ["b"]}"""));
        Assert.True(SameJson(Validate(form, "{}").Values!.Value, """{"count": 1, "urgent": false, "kinds": ["b"]}"""));
        Assert.True(SameJson(Validate(form, """{"count": null}""").Values!.Value, """{"urgent": false, "kinds": ["b"]}"""));
    }

    [Fact]
    public void Evaluate_RequiredField_ReportsRequiredAndError()
    {
        var form = Fields("""{"key": "title", "label": "标题", "kind": "text", "required": true}""");

        var state = Evaluate(form, "{}")["title"];

        Assert.True(state.Required);
        Assert.True(state.Visible);
        Assert.Equal("field.required", state.Error?.Key);
        Assert.Null(Evaluate(form, """{"title": "x"}""")["title"].Error);
    }
}
