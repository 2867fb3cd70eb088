using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class FormValidatorTests
{
    private static readonly CompiledForm Mediation = Compile("""
        {
          "key": "mediation", "title": "调解记录",
          "sections": [
            {"title": "基本信息", "fields": [
              {"key": "caseNo", "label": "案件编号", "kind": "text", "readOnly": true},
              {"key": "subject", "label": "事由", "kind": "text", "required": true, "maxLength": 50},
              {"key": "note", "kind": "info", "text": "六尺巷工作法：互谅互让"}
            ]},
            {"title": "当事人", "fields": [
              {"key": "parties", "label": "当事人", "kind": "group", "minRows": 2, "maxRows": 3, "fields": [
                {"key": "name", "label": "姓名", "kind": "text", "required": true},
                {"key": "phone", "label": "电话", "kind": "mobile"}
              ]}
            ]}
          ],
          "actions": [
            {"key": "submit", "label": "提交", "style": "primary"},
            {"key": "return", "label": "退回", "validate": false}
          ]
        }
        """);

    [Fact]
    public void Validate_UnknownFields_AreRejectedWithTheirPaths()
    {
        var result = Validate(Mediation, """
            {"subject": "x", "hacker": 1, "parties": [{"name": "甲", "evil": 2}, {"name": "乙"}]}
            """);

        Assert.Equal("hacker:field.unknown,parties[0].evil:field.unknown", ErrorKeys(result));
        Assert.Null(result.Values);
    }

    [Fact]
    public void Validate_RowErrors_NameTheRowPath()
    {
        var result = Validate(Mediation, """
            {"subject": "物业纠纷", "parties": [{"name": "甲", "phone": "13800000000"}, {"name": "乙"}, {"phone": "123"}]}
            """);

        Assert.Equal("parties[2].name:field.required,parties[2].phone:mobile.format", ErrorKeys(result));
        Assert.Equal("请填写「姓名」", result.Errors[0].Message);
    }

    [Fact]
    public void Validate_TooFewAndTooManyRows_ReturnsGroupErrors()
    {
        Assert.Equal("parties:group.minRows", ErrorKeys(Validate(Mediation, """{"subject": "x", "parties": [{"name": "甲"}]}""")));
        Assert.Equal("parties:group.maxRows", ErrorKeys(Validate(Mediation, """{"subject": "x", "parties": [{"name": "1"}, {"name": "2"}, {"name": "3"}, {"name": "4"}]}""")));
        Assert.Equal("parties:type.list", ErrorKeys(Validate(Mediation, """{"subject": "x", "parties": {"name": "1"}}""")));
    }

    [Fact]
    public void Validate_ReadOnlyField_KeepsPreviousValue()
    {
        var context = Context(previous: """{"caseNo": "TJ-2026-001", "subject": "旧"}""");

        var result = Validate(Mediation, """{"caseNo": "FORGED", "subject": "新", "parties": [{"name": "甲"}, {"name": "乙"}]}""", context);

        Assert.True(result.IsValid, ErrorKeys(result));
        Assert.True(SameJson(result.Values!.Value, """{"caseNo": "TJ-2026-001", "subject": "新", "parties": [{"name": "甲"}, {"name": "乙"}]}"""));
    }

    [Fact]
    public void Validate_ReadOnlyFieldWithoutPreviousValue_DropsTheSentValue()
    {
        var result = Validate(Mediation, """{"caseNo": "FORGED", "subject": "新", "parties": [{"name": "甲"}, {"name": "乙"}]}""");

        Assert.False(result.Values!.Value.TryGetProperty("caseNo", out _));
    }

    [Fact]
    public void Validate_ActionWithoutValidation_SkipsRequiredButKeepsTypes()
    {
        Assert.True(Validate(Mediation, "{}", action: "return").IsValid);
        Assert.Equal("subject:field.required,parties:group.minRows", ErrorKeys(Validate(Mediation, "{}", action: "submit")));
        Assert.Equal("parties[0].phone:mobile.format", ErrorKeys(Validate(Mediation, """{"parties": [{"phone": "1"}]}""", action: "return")));
        Assert.Equal(":action.unknown", ErrorKeys(Validate(Mediation, "{}", action: "approve")));
    }

    [Fact]
    public void Validate_InvalidSubmission_ReturnsEveryErrorAndNoValues()
    {
        var result = Validate(Mediation, """{"subject": true, "parties": [{"name": "甲", "phone": "x"}]}""");

        Assert.False(result.IsValid);
        Assert.Null(result.Values);
        Assert.Equal("subject:type.text,parties:group.minRows,parties[0].phone:mobile.format", ErrorKeys(result));
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrEmpty(e.MessageEn)));
    }

    [Fact]
    public void Validate_NotAnObject_ReturnsFormError()
    {
        Assert.Equal(":form.type", ErrorKeys(Validate(Mediation, "[1, 2]")));
    }

    [Fact]
    public void Evaluate_Rows_ReportEachRowField()
    {
        var evaluation = Evaluate(Mediation, """{"parties": [{"name": "甲"}, {"phone": "13912345678"}]}""");

        Assert.Equal("field.required", evaluation["parties[1].name"].Error?.Key);
        Assert.Equal("13912345678", evaluation["parties[1].phone"].Value.GetString());
        Assert.Equal(1, evaluation["parties[1].phone"].Row);
        Assert.True(evaluation["caseNo"].ReadOnly);
        Assert.True(evaluation["note"].ReadOnly);
        Assert.Contains("parties[0].phone", evaluation.Fields.Keys);
    }

    [Fact]
    public void FormError_MessageFor_PicksTheLanguage()
    {
        var error = Assert.Single(Validate(Mediation, """{"subject": "x", "parties": [{"name": "甲"}, {"name": "乙", "phone": "1"}]}""").Errors);

        Assert.Equal("parties[1].phone", error.Path);
        Assert.Equal(error.MessageEn, error.MessageFor("en-US"));
        Assert.Equal(error.Message, error.MessageFor("zh-CN"));
        Assert.Equal("「电话」不是有效的手机号码", error.Message);
    }

    [Fact]
    public void FormMessages_Catalogues_HaveTheSameKeys()
    {
        foreach (var key in FormMessages.Keys)
        {
            Assert.NotEqual(key, FormMessages.Template(key, "en"));
            Assert.NotEqual(key, FormMessages.Template(key, "zh-CN"));
        }
    }
}
