using System.Text.Json;
using FlowGov.Core.Forms;

namespace FlowGov.Core.Tests.Processes;

/// <summary>Every form of every definition in <c>workflows/</c> is a valid form, and the flows use their buttons.</summary>
public sealed class LibraryFormsTests
{
    public static TheoryData<string, string> Forms()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in ProcessLibrary.DefinitionFiles())
        {
            foreach (var key in ProcessLibrary.Load(file).Forms.Keys.Order(StringComparer.Ordinal))
            {
                data.Add(file, key);
            }
        }

        return data;
    }

    [Fact]
    public void Library_Found_HasTheSeedsProcesses()
    {
        Assert.Equal(
            ["consultation.json", "grid-event.json", "hardship-household.json", "mediation-5n.json", "micro-wish.json", "needs-resources.json", "party-member-registration.json", "seasonal-campaign.json"],
            ProcessLibrary.DefinitionFiles());
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Form_CheckedByFormDefinitionValidator_HasNoProblems(string file, string formKey)
    {
        var json = ProcessLibrary.Load(file).Forms[formKey];

        var problems = FormDefinitionValidator.Validate(json, ProcessLibrary.Host);

        Assert.True(problems.Count == 0, $"{file} form '{formKey}':\n" + string.Join("\n", problems));
        var form = FormDefinition.Parse(json);
        Assert.Equal(formKey, form.Key);
        Assert.False(string.IsNullOrWhiteSpace(form.Title));
        Assert.NotEmpty(form.Actions);
        Assert.All(form.AllFields.Where(f => f.Kind != FieldKind.Info), f => Assert.False(string.IsNullOrWhiteSpace(f.Label), $"field '{f.Key}' has no label"));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Form_UsedByUserTask_EveryButtonLeadsSomewhere(string file, string formKey)
    {
        var definition = ProcessLibrary.Load(file);
        var actions = FormDefinition.Parse(definition.Forms[formKey]).Actions.Select(a => a.Key).ToList();
        var tasks = definition.Activities.Where(a => a.Properties.TryGetValue("formKey", out var k) && k.ValueKind == JsonValueKind.String && k.GetString() == formKey).ToList();

        Assert.NotEmpty(tasks);
        foreach (var task in tasks.Where(t => t.Type == "UserTask"))
        {
            var ports = definition.Connections.Where(c => c.From == task.Id).Select(c => c.Port ?? "done").ToHashSet();
            Assert.All(actions, a => Assert.True(ports.Contains(a), $"{file}: button '{a}' of form '{formKey}' on task '{task.Id}' has no connection."));
        }
    }
}
