using System.Text.Json;
using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class ScriptHookTests
{
    private static readonly CompiledForm Report = Compile("""
        {
          "key": "event-report", "title": "事件上报",
          "fields": [
            {"key": "kind", "label": "类型", "kind": "radio", "options": [{"value": "small", "label": "小事"}, {"value": "big", "label": "大事"}], "required": true},
            {"key": "department", "label": "承办部门", "kind": "select", "optionsFrom": "vars.departments",
             "visibleWhen": "form.kind == 'big'", "required": true},
            {"key": "reporterPhone", "label": "报告人电话", "kind": "mobile",
             "requiredWhen": "user.roles.indexOf('resident') >= 0"},
            {"key": "deadline", "label": "办理时限", "kind": "date", "readOnlyWhen": "task.stage == 'handling'"},
            {"key": "quantity", "label": "数量", "kind": "integer"},
            {"key": "unitPrice", "label": "单价", "kind": "money"},
            {"key": "total", "label": "合计", "kind": "money", "compute": "(form.quantity || 0) * (form.unitPrice || 0)"},
            {"key": "description", "label": "描述", "kind": "textarea",
             "validate": "if (value.indexOf('测试') >= 0) { return '描述中不能包含“测试”'; }"}
          ],
          "validate": "if (form.kind == 'small' && form.total > 1000) { return {total: '小事的金额不能超过1000元'}; }"
        }
        """);

    private static FormContext Ctx(string roles = "\"grid-worker\"", string stage = "reporting", string? previous = null) => new()
    {
        Vars = new Dictionary<string, JsonElement> { ["departments"] = Json("""[{"value": "works", "label": "市政"}, {"value": "water", "label": "水务"}]""") },
        User = new FormUser("u-1", JsonSerializer.Deserialize<string[]>($"[{roles}]")!, "grid-07"),
        Task = Json($$"""{"id": "t-1", "stage": "{{stage}}"}"""),
        PreviousValues = previous is null ? null : Json(previous),
        Now = Now,
    };

    [Fact]
    public void Evaluate_VisibleWhen_HidesAndShowsField()
    {
        Assert.False(Evaluate(Report, """{"kind": "small"}""", Ctx())["department"].Visible);
        var shown = Evaluate(Report, """{"kind": "big"}""", Ctx())["department"];
        Assert.True(shown.Visible);
        Assert.True(shown.Required);
        Assert.Equal(["works", "water"], shown.Options!.Select(o => o.Value));
    }

    [Fact]
    public void Evaluate_HiddenRequiredField_HasNoError()
    {
        var state = Evaluate(Report, """{"kind": "small"}""", Ctx())["department"];

        Assert.False(state.Required);
        Assert.Null(state.Error);
    }

    [Fact]
    public void Validate_HiddenFieldValue_IsDropped()
    {
        var result = Validate(Report, """{"kind": "small", "department": "works"}""", Ctx());

        Assert.True(result.IsValid, ErrorKeys(result));
        Assert.False(result.Values!.Value.TryGetProperty("department", out _));
    }

    [Fact]
    public void Evaluate_RequiredWhen_FollowsTheUser()
    {
        Assert.False(Evaluate(Report, "{}", Ctx())["reporterPhone"].Required);
        var state = Evaluate(Report, "{}", Ctx(roles: "\"resident\""))["reporterPhone"];
        Assert.True(state.Required);
        Assert.Equal("field.required", state.Error?.Key);
    }

    [Fact]
    public void Validate_ReadOnlyWhen_KeepsPreviousValue()
    {
        var sent = """{"kind": "small", "deadline": "2030-01-01"}""";

        var handling = Validate(Report, sent, Ctx(stage: "handling", previous: """{"deadline": "2026-12-01"}"""));
        var reporting = Validate(Report, sent, Ctx(stage: "reporting", previous: """{"deadline": "2026-12-01"}"""));

        Assert.Equal("2026-12-01", handling.Values!.Value.GetProperty("deadline").GetString());
        Assert.Equal("2030-01-01", reporting.Values!.Value.GetProperty("deadline").GetString());
        Assert.True(Evaluate(Report, sent, Ctx(stage: "handling"))["deadline"].ReadOnly);
    }

    [Fact]
    public void Evaluate_Compute_SetsValueAndMarksReadOnly()
    {
        var state = Evaluate(Report, """{"quantity": 3, "unitPrice": 12.5}""", Ctx())["total"];

        Assert.Equal(37.5m, state.Value.GetDecimal());
        Assert.True(state.ReadOnly);
    }

    [Fact]
    public void Validate_ComputedField_IgnoresClientValue()
    {
        var result = Validate(Report, """{"kind": "small", "quantity": 2, "unitPrice": 10, "total": 1}""", Ctx());

        Assert.Equal(20m, result.Values!.Value.GetProperty("total").GetDecimal());
    }

    [Fact]
    public void Validate_FieldValidateScript_ReturnsDesignerMessage()
    {
        var result = Validate(Report, """{"kind": "small", "description": "这是测试"}""", Ctx());

        var error = Assert.Single(result.Errors);
        Assert.Equal(("description", "custom", "描述中不能包含“测试”"), (error.Path, error.Key, error.Message));
    }

    [Fact]
    public void Validate_FormValidateObject_PutsErrorOnNamedField()
    {
        var result = Validate(Report, """{"kind": "small", "quantity": 200, "unitPrice": 10}""", Ctx());

        var error = Assert.Single(result.Errors);
        Assert.Equal(("total", "custom"), (error.Path, error.Key));
        Assert.True(Validate(Report, """{"kind": "big", "department": "water", "quantity": 200, "unitPrice": 10}""", Ctx()).IsValid);
    }

    [Fact]
    public void Validate_FormValidateString_ReturnsFormLevelError()
    {
        var form = Fields(
            """{"key": "start", "kind": "date"}, {"key": "end", "kind": "date"}""",
            """, "validate": "return form.end < form.start ? '结束日期不能早于开始日期' : null;" """);

        var result = Validate(form, """{"start": "2026-05-02", "end": "2026-05-01"}""");

        Assert.Equal(":custom", ErrorKeys(result));
        Assert.Equal("结束日期不能早于开始日期", result.Errors[0].Message);
    }

    [Fact]
    public void Evaluate_OptionsScript_BuildsOptionsFromForm()
    {
        var form = Fields("""
            {"key": "street", "kind": "select", "options": ["s1", "s2"]},
            {"key": "community", "kind": "select",
             "options": "return form.street == 's1' ? [{value: 'c1', label: '一社区'}, {value: 'c2', label: '二社区'}] : [{value: 'c9', label: '九社区'}];"}
            """);

        Assert.Equal(["c1", "c2"], Evaluate(form, """{"street": "s1"}""")["community"].Options!.Select(o => o.Value));
        Assert.Equal("community:option.invalid", ErrorKeys(Validate(form, """{"street": "s2", "community": "c1"}""")));
    }

    [Fact]
    public void Evaluate_ScriptsSeeInstanceAndHelpers()
    {
        var form = Fields("""
            {"key": "due", "kind": "date", "compute": "formatDate(addWorkdays(now(), 3), 'yyyy-MM-dd')"},
            {"key": "ref", "kind": "text", "compute": "instance.businessKey + '-' + user.unit"}
            """);
        var context = new FormContext { Now = Now, Instance = Json("""{"businessKey": "GE-42"}"""), User = new FormUser("u", [], "grid-07") };

        var evaluation = Evaluate(form, "{}", context);

        // Now is Sunday 2026-11-22: three working days counted from Monday's start end on Thursday 00:00.
        Assert.Equal("2026-11-26", evaluation["due"].Value.GetString());
        Assert.Equal("GE-42-grid-07", evaluation["ref"].Value.GetString());
    }

    [Fact]
    public void Evaluate_RowScripts_SeeRowAndIndex()
    {
        var form = Fields("""
            {"key": "items", "label": "明细", "kind": "group", "fields": [
              {"key": "name", "label": "名称", "kind": "text"},
              {"key": "qty", "label": "数量", "kind": "integer"},
              {"key": "price", "label": "单价", "kind": "money"},
              {"key": "amount", "label": "金额", "kind": "money", "compute": "(row.qty || 0) * (row.price || 0)"},
              {"key": "no", "label": "序号", "kind": "integer", "compute": "index + 1"},
              {"key": "reason", "label": "说明", "kind": "text", "visibleWhen": "row.amount > 100", "requiredWhen": "index == 0"}
            ]},
            {"key": "sum", "label": "总额", "kind": "money", "compute": "sum(form.items, 'amount')"}
            """);

        var evaluation = Evaluate(form, """{"items": [{"name": "水泥", "qty": 3, "price": 50}, {"name": "沙", "qty": 1, "price": 20}]}""");

        Assert.Equal(150m, evaluation["items[0].amount"].Value.GetDecimal());
        Assert.Equal(2, evaluation["items[1].no"].Value.GetInt32());
        Assert.True(evaluation["items[0].reason"].Visible);
        Assert.True(evaluation["items[0].reason"].Required);
        Assert.False(evaluation["items[1].reason"].Visible);
        Assert.Equal(170m, evaluation["sum"].Value.GetDecimal());
        Assert.Equal("field.required", evaluation["items[0].reason"].Error?.Key);
    }

    [Fact]
    public void Validate_RowScripts_DropHiddenRowValuesAndRecompute()
    {
        var form = Fields("""
            {"key": "parties", "label": "当事人", "kind": "group", "fields": [
              {"key": "type", "label": "类型", "kind": "radio", "options": ["person", "org"]},
              {"key": "idNo", "label": "身份证", "kind": "idcard", "visibleWhen": "row.type == 'person'", "required": true},
              {"key": "unit", "label": "单位", "kind": "orgunit", "visibleWhen": "row.type == 'org'", "required": true},
              {"key": "label", "label": "标签", "kind": "text", "compute": "'第' + (index + 1) + '方'"}
            ]}
            """);

        var result = Validate(form, """
            {"parties": [{"type": "person", "idNo": "11010519491231002X", "unit": "x", "label": "forged"}, {"type": "org", "unit": "property-co"}]}
            """);

        Assert.True(result.IsValid, ErrorKeys(result));
        Assert.True(SameJson(result.Values!.Value, """
            {"parties": [{"type": "person", "idNo": "11010519491231002X", "label": "第1方"}, {"type": "org", "unit": "property-co", "label": "第2方"}]}
            """));
        Assert.Equal("parties[1].unit:field.required", ErrorKeys(Validate(form, """{"parties": [{"type": "person", "idNo": "11010519491231002X"}, {"type": "org"}]}""")));
    }

    [Fact]
    public void Validate_RowValidateScript_NamesTheRow()
    {
        var form = Fields("""
            {"key": "attendees", "label": "参会人员", "kind": "group", "fields": [
              {"key": "name", "label": "姓名", "kind": "text", "validate": "if (value == user.name) { return '不能添加自己'; }"}
            ]}
            """);

        var result = Validate(form, """{"attendees": [{"name": "李四"}, {"name": "张三"}]}""");

        Assert.Equal("attendees[1].name:custom", ErrorKeys(result));
    }

    [Fact]
    public void Validate_FormValidateObjectWithRowPath_PutsErrorOnRow()
    {
        var form = Fields(
            """{"key": "rows", "kind": "group", "fields": [{"key": "v", "kind": "integer"}]}""",
            """, "validate": "var e = {}; for (var i = 0; i < form.rows.length; i++) { if (form.rows[i].v > 9) { e['rows[' + i + '].v'] = '太大'; } } return e;" """);

        Assert.Equal("rows[1].v:custom", ErrorKeys(Validate(form, """{"rows": [{"v": 1}, {"v": 10}]}""")));
    }

    [Fact]
    public void Evaluate_ScriptRuntimeError_BecomesFieldErrorWithLine()
    {
        var form = Fields("""
            {"key": "a", "label": "甲", "kind": "text", "visibleWhen": "form.missing.deep == 1"},
            {"key": "b", "label": "乙", "kind": "text", "validate": "var x = 1;\nreturn nothing.here;"}
            """);

        var evaluation = Evaluate(form, """{"b": "v"}""");

        var a = evaluation["a"];
        Assert.True(a.Visible);
        Assert.Equal("script.error", a.Error?.Key);
        Assert.Contains("visibleWhen", a.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("第 1 行", a.Error.Message, StringComparison.Ordinal);
        var b = evaluation["b"].Error!;
        Assert.Equal("script.error", b.Key);
        Assert.Contains("line 2", b.MessageEn, StringComparison.Ordinal);
        Assert.False(Validate(form, """{"b": "v"}""").IsValid);
    }

    [Fact]
    public void Evaluate_ComputeOfWrongType_ReportsTypeError()
    {
        var form = Fields("""{"key": "n", "label": "数", "kind": "integer", "compute": "'abc'"}""");

        Assert.Equal("type.integer", Evaluate(form, "{}")["n"].Error?.Key);
    }

    [Fact]
    public void Evaluate_SameInputTwice_GivesSameResult()
    {
        var first = Evaluate(Report, """{"kind": "big", "quantity": 2, "unitPrice": 3}""", Ctx());
        var second = Evaluate(Report, """{"kind": "big", "quantity": 2, "unitPrice": 3}""", Ctx());

        Assert.Equal(first.Values.GetRawText(), second.Values.GetRawText());
        Assert.Equal(first.Errors.Select(e => e.Key), second.Errors.Select(e => e.Key));
    }
}
