using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Tests.Support;
using FlowGov.Core.Versioning;

namespace FlowGov.Core.Tests.Versioning;

public sealed class SemanticDifferTests
{
    private const string ReportV1 = """
        {"title":"事件上报","sections":[{"title":"基本","fields":[
          {"key":"summary","label":"事件描述","kind":"textarea","required":true},
          {"key":"level","label":"等级","kind":"select","options":[{"value":"small","label":"小"},{"value":"big","label":"大"}]},
          {"key":"parties","label":"当事人","kind":"group","fields":[{"key":"name","label":"姓名","kind":"text"}]}
        ]}]}
        """;

    private const string ReportV2 = """
        {"title":"事件上报","sections":[{"title":"基本","fields":[
          {"key":"summary","label":"事件情况描述","kind":"textarea","required":true,"visibleWhen":"vars.x"},
          {"key":"level","kind":"select","label":"等级","options":[{"value":"small","label":"小"},{"value":"big","label":"大"},{"value":"urgent","label":"紧急"}]},
          {"key":"parties","label":"当事人","kind":"group","fields":[{"key":"name","label":"姓名","kind":"text"},{"key":"phone","label":"电话","kind":"phone"}]},
          {"key":"photo","label":"照片","kind":"photo"}
        ]}]}
        """;

    private static WorkflowDefinition V1() => new FlowBuilder("grid", 1).Variable("level", "small").Variable("old", 1).Form("report", ReportV1)
        .Add("start", "Start").Add("report", "UserTask", new { formKey = "report", title = "上报" }).Add("visit", "UserTask").Add("end", "End")
        .Chain("start", "report", "visit", "end").Build();

    private static WorkflowDefinition V2() => new FlowBuilder("grid", 2).Variable("level", "big").Variable("added", true).Form("report", ReportV2).Form("extra", """{"fields":[]}""")
        .Add("start", "Start").Add("report", "UserTask", new { formKey = "report", title = "事件上报", due = "P3D" }).Add("review", "UserTask").Add("end", "End")
        .Chain("start", "report", "review", "end").Build();

    [Fact]
    public void Diff_SameDefinitionFormattedDifferently_IsIdentical()
    {
        var a = V1();
        var b = DefinitionJson.Parse(DefinitionJson.Serialize(a));

        var changes = SemanticDiffer.Diff(a, b);

        Assert.True(changes.Identical);
        Assert.Contains("identical", DiffText.Render(changes, "v1", "v1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_Activities_AddedRemovedAndChangedPropertyByProperty()
    {
        var changes = SemanticDiffer.Diff(V1(), V2());

        Assert.Equal(
            [("report", "changed"), ("visit", "removed"), ("review", "added")],
            changes.Activities.Select(a => (a.Id, a.Change)).ToList());
        var report = changes.Activities.Single(a => a.Id == "report");
        Assert.Equal("UserTask", report.Type);
        Assert.Equal(["properties.due", "properties.title"], report.Properties.Select(p => p.Name).ToList());
        var title = report.Properties.Single(p => p.Name == "properties.title");
        Assert.Equal(("上报", "事件上报"), (title.From!.Value.GetString(), title.To!.Value.GetString()));
        Assert.Null(report.Properties.Single(p => p.Name == "properties.due").From);
    }

    [Fact]
    public void Diff_Connections_AreIdentifiedBySourcePortAndTarget()
    {
        var changes = SemanticDiffer.Diff(V1(), V2());

        Assert.Equal(
            [("report", "visit", "removed"), ("visit", "end", "removed"), ("report", "review", "added"), ("review", "end", "added")],
            changes.Connections.Select(c => (c.Source, c.Target, c.Change)).ToList());
        Assert.All(changes.Connections, c => Assert.Equal("done", c.SourcePort));
    }

    [Fact]
    public void Diff_Variables_ChangedDefaultNamesTheProperty()
    {
        var changes = SemanticDiffer.Diff(V1(), V2());

        Assert.Equal([("level", "changed"), ("old", "removed"), ("added", "added")], changes.Variables.Select(v => (v.Name, v.Change)).ToList());
        var level = changes.Variables[0].Properties.Single();
        Assert.Equal(("default", "small", "big"), (level.Name, level.From!.Value.GetString(), level.To!.Value.GetString()));
    }

    [Fact]
    public void Diff_Forms_FieldLevel_LabelsScriptsOptionsAndGroupSubFields()
    {
        var changes = SemanticDiffer.Diff(V1(), V2());

        Assert.Equal([("extra", "added"), ("report", "changed")], changes.Forms.Select(f => (f.Key, f.Change)).ToList());
        var report = changes.Forms.Single(f => f.Key == "report");
        Assert.Empty(report.Properties);
        Assert.Equal(
            [("summary", "changed"), ("level", "changed"), ("parties.phone", "added"), ("photo", "added")],
            report.Fields.Select(f => (f.Key, f.Change)).ToList());
        Assert.Equal(["label", "visibleWhen"], report.Fields[0].Properties.Select(p => p.Name).ToList());
        // Member order differs in 'level' (kind before label): only the options changed.
        var options = Assert.Single(report.Fields[1].Properties);
        Assert.Equal("options", options.Name);
        Assert.Equal(3, options.To!.Value.GetArrayLength());
    }

    [Fact]
    public void DiffForm_RemovedField_AndFormLevelProperty()
    {
        var from = JsonElement.Parse("""{"title":"A","fields":[{"key":"a","kind":"text"},{"key":"b","kind":"text"}]}""");
        var to = JsonElement.Parse("""{"title":"B","fields":[{"key":"a","kind":"number"}]}""");

        var change = SemanticDiffer.DiffForm("f", from, to)!;

        Assert.Equal([("a", "changed"), ("b", "removed")], change.Fields.Select(f => (f.Key, f.Change)).ToList());
        Assert.Equal("kind", Assert.Single(change.Fields[0].Properties).Name);
        Assert.Equal("title", Assert.Single(change.Properties).Name);
    }

    [Fact]
    public void Diff_Triggers_AndHeader()
    {
        var a = V1() with { Triggers = [new TriggerDefinition { Id = "spring", Type = "cron", Cron = "0 0 9 1 3 ?" }] };
        var b = V1() with { Name = "网格事件", Triggers = [new TriggerDefinition { Id = "spring", Type = "cron", Cron = "0 0 9 1 4 ?" }, new TriggerDefinition { Id = "s", Type = "signal", Signal = "go" }] };

        var changes = SemanticDiffer.Diff(a, b);

        Assert.Equal([("spring", "changed"), ("s", "added")], changes.Triggers.Select(t => (t.Id, t.Change)).ToList());
        Assert.Equal("cron", Assert.Single(changes.Triggers[0].Properties).Name);
        Assert.Equal("name", Assert.Single(changes.Definition).Name);
    }

    [Fact]
    public void Render_ListsEveryChangeWithMarks()
    {
        var text = DiffText.Render(SemanticDiffer.Diff(V1(), V2()), "v1", "v2");

        Assert.StartsWith("v1 → v2: 3 activities, 4 connections, 3 variables, 2 forms, 0 triggers changed", text, StringComparison.Ordinal);
        Assert.Contains("- activity visit (UserTask)", text, StringComparison.Ordinal);
        Assert.Contains("+ activity review (UserTask)", text, StringComparison.Ordinal);
        Assert.Contains("    properties.title: \"上报\" → \"事件上报\"", text, StringComparison.Ordinal);
        Assert.Contains("    + field parties.phone", text, StringComparison.Ordinal);
        Assert.Contains("+ connection report:done → review", text, StringComparison.Ordinal);
    }
}
