using FlowGov.Core.Forms;
using static FlowGov.Core.Tests.Forms.FormKit;

namespace FlowGov.Core.Tests.Forms;

public sealed class GroupAndConcurrencyTests
{
    private static readonly CompiledForm Meeting = Fields("""
        {"key": "hasAttendees", "label": "是否有参会人员", "kind": "boolean"},
        {"key": "attendees", "label": "参会人员", "kind": "group", "required": true, "visibleWhen": "form.hasAttendees === true", "fields": [
          {"key": "name", "label": "姓名", "kind": "text", "required": true},
          {"key": "phone", "label": "电话", "kind": "mobile"}
        ]},
        {"key": "count", "label": "人数", "kind": "integer", "compute": "form.attendees ? form.attendees.length : 0"}
        """);

    [Fact]
    public void Validate_HiddenGroup_DropsRowsAndTheirErrors()
    {
        var result = Validate(Meeting, """{"hasAttendees": false, "attendees": [{"phone": "bad"}]}""");

        Assert.True(result.IsValid, ErrorKeys(result));
        Assert.True(SameJson(result.Values!.Value, """{"hasAttendees": false, "count": 0}"""));
    }

    [Fact]
    public void Evaluate_HiddenGroup_HidesEveryRowField()
    {
        var evaluation = Evaluate(Meeting, """{"hasAttendees": false, "attendees": [{"phone": "bad"}]}""");

        Assert.False(evaluation["attendees"].Visible);
        Assert.False(evaluation["attendees[0].phone"].Visible);
        Assert.Null(evaluation["attendees[0].phone"].Error);
        Assert.Empty(evaluation.Errors);
    }

    [Fact]
    public void Validate_VisibleRequiredGroupWithoutRows_IsRequired()
    {
        Assert.Equal("attendees:field.required", ErrorKeys(Validate(Meeting, """{"hasAttendees": true}""")));
        Assert.Equal(2, Validate(Meeting, """{"hasAttendees": true, "attendees": [{"name": "甲"}, {"name": "乙"}]}""").Values!.Value.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Validate_ReadOnlyGroup_KeepsStoredRows()
    {
        var form = Fields("""
            {"key": "parties", "kind": "group", "readOnly": true, "fields": [{"key": "name", "kind": "text"}]},
            {"key": "note", "kind": "text"}
            """);

        var result = Validate(form, """{"parties": [{"name": "伪造"}], "note": "x"}""", Context(previous: """{"parties": [{"name": "业委会"}]}"""));

        Assert.True(SameJson(result.Values!.Value, """{"parties": [{"name": "业委会"}], "note": "x"}"""));
    }

    [Fact]
    public void Evaluate_SharedCompiledFormOnManyThreads_GivesTheSameResults()
    {
        var results = new string[64];

        Parallel.For(0, results.Length, i =>
        {
            var n = i % 4;
            var rows = string.Join(",", Enumerable.Range(0, n).Select(r => $$"""{"name": "人{{r}}"}"""));
            var evaluation = Evaluate(Meeting, $$"""{"hasAttendees": true, "attendees": [{{rows}}]}""");
            results[i] = $"{evaluation["count"].Value.GetInt32()}|{string.Join(",", evaluation.Errors.Select(e => e.Key))}";
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 4 == 0 ? "0|field.required" : $"{i % 4}|", results[i]);
        }
    }
}
