using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Tests.Support;

namespace FlowGov.Core.Tests.Processes;

/// <summary>
/// Publishes definitions of the library into an in-memory engine with a fake clock and drives them
/// the way frontline users do: a task is worked only by a user it is offered to (assignee, or a
/// candidate role at the candidate unit), and what they submit is first validated by the forms
/// feature against the task's form and the pressed button — so the flows and their forms are proven
/// consistent. The clean values (computed fields recomputed, hidden fields dropped) are what the
/// engine receives, as on the server.
/// </summary>
internal sealed class ProcessHarness
{
    private readonly Dictionary<string, WorkflowDefinition> _definitions = new(StringComparer.Ordinal);
    private readonly FormCatalog _forms = new(ProcessLibrary.Host);

    public ProcessHarness(params string[] files)
    {
        Engine = new EngineHarness(scripts: ProcessLibrary.Host);
        foreach (var file in files)
        {
            var definition = ProcessLibrary.Load(file);
            Engine.Publish(definition);
            _definitions[definition.Key] = definition;
        }
    }

    public EngineHarness Engine { get; }

    public DateTimeOffset Now => Engine.Clock.GetUtcNow();

    public WorkflowDefinition Definition(string key) => _definitions[key];

    public async Task<WorkflowInstance> StartAsync(string key, object? input, Actor startedBy)
    {
        var instance = await Engine.StartAsync(key, input, startedBy.Id);
        return Healthy(instance);
    }

    public Task<WorkflowInstance> ReloadAsync(WorkflowInstance instance) => Engine.ReloadAsync(instance.Id);

    /// <summary>The one open task of <paramref name="activityId"/> (or the one matching <paramref name="which"/>).</summary>
    public async Task<HumanTask> TaskAsync(WorkflowInstance instance, string activityId, Func<HumanTask, bool>? which = null)
    {
        var current = await ReloadAsync(instance);
        var open = current.Tasks.Where(t => t.ActivityId == activityId && (which is null || which(t))).ToList();
        Assert.True(open.Count == 1, $"Expected one open '{activityId}' task, found {open.Count}. Open: {string.Join(", ", current.Tasks.Select(t => t.ActivityId))}. Path: {string.Join(" → ", Engine.Path(current))}");
        return open[0];
    }

    /// <summary>Validates <paramref name="values"/> with the task's form for <paramref name="outcome"/>; returns the result without completing anything.</summary>
    public async Task<FormValidationResult> ValidateAsync(WorkflowInstance instance, HumanTask task, Actor actor, string outcome, object values)
    {
        var current = await ReloadAsync(instance);
        Assert.NotNull(task.FormKey);
        var definition = _definitions[current.DefinitionKey];
        var form = _forms.Get(definition, task.FormKey);
        var context = new FormContext
        {
            Vars = current.Variables,
            Instance = JsonSerializer.SerializeToElement(new { id = current.Id, definitionKey = current.DefinitionKey, startedBy = current.StartedBy, createdAt = current.CreatedAt }),
            Task = JsonSerializer.SerializeToElement(new { id = task.Id, activityId = task.ActivityId, title = task.Title, item = task.Item, index = task.ItemIndex }),
            User = new FormUser(actor.Id, [actor.Role], actor.Unit),
            Now = Now,
            Taxonomy = ProcessLibrary.Taxonomy,
            PreviousValues = current.Forms.TryGetValue(task.FormKey, out var previous) ? previous : null,
        };
        return FormValidator.Validate(form, JsonSerializer.SerializeToElement(values), context, outcome);
    }

    /// <summary>
    /// <paramref name="actor"/> works the open <paramref name="activityId"/> task: checks they may,
    /// submits the form values for the button through the engine, which validates them.
    /// </summary>
    public async Task<WorkflowInstance> SubmitAsync(WorkflowInstance instance, string activityId, Actor actor, string outcome, object values, Func<HumanTask, bool>? which = null)
    {
        var task = await TaskAsync(instance, activityId, which);
        AssertOffered(task, actor);
        Assert.Contains(outcome, task.Outcomes);
        // The engine's own submission path: the form of the task's pinned version is the authority.
        var resumed = await Engine.Engine.SubmitTaskAsync(task.Id, new TaskSubmission
        {
            User = new FormUser(actor.Id, [actor.Role], actor.Unit),
            Outcome = outcome,
            Values = JsonSerializer.SerializeToElement(values),
            Taxonomy = ProcessLibrary.Taxonomy,
        });
        Assert.True(resumed.Status == ResumeStatus.Resumed, $"Completing '{activityId}' as {actor}: {resumed.Status} {resumed.Message} {string.Join("; ", resumed.FormErrors)}");
        return Healthy(await ReloadAsync(instance));
    }

    /// <summary>Casts one ballot in the instance's open vote.</summary>
    public async Task<WorkflowInstance> BallotAsync(WorkflowInstance instance, string voter, string choice)
    {
        var current = await ReloadAsync(instance);
        var box = current.Bookmarks.Single(b => b.Kind == BookmarkKind.Vote);
        var outcome = await Engine.Engine.ResumeAsync(box.Id, new ResumeInput(voter, choice));
        Assert.True(outcome.Status == ResumeStatus.Resumed, $"Ballot of {voter}: {outcome.Status} {outcome.Message}");
        return Healthy(await ReloadAsync(instance));
    }

    /// <summary>Moves the fake clock and fires every timer that came due.</summary>
    public async Task<WorkflowInstance> AdvanceAsync(WorkflowInstance instance, TimeSpan by)
    {
        await Engine.AdvanceAsync(by);
        return Healthy(await ReloadAsync(instance));
    }

    /// <summary>Moves the fake clock to <paramref name="at"/> and fires every timer that came due.</summary>
    public Task<WorkflowInstance> AdvanceToAsync(WorkflowInstance instance, DateTimeOffset at) => AdvanceAsync(instance, at - Now);

    public IReadOnlyList<string> Path(WorkflowInstance instance) => Engine.Path(instance);

    /// <summary>The activity ids passed through, in order (the journal's executed/resumed steps that left by a port).</summary>
    public IReadOnlyList<string> Steps(WorkflowInstance instance) => [.. Path(instance).Select(p => p[..p.IndexOf(':', StringComparison.Ordinal)])];

    public IReadOnlyList<Notification> Notifications(WorkflowInstance instance) =>
        [.. Engine.Store.Outbox().Where(n => n.InstanceId == instance.Id)];

    /// <summary>Every task of the instance, open or not, in the order they were created.</summary>
    public IReadOnlyList<HumanTask> AllTasks(WorkflowInstance instance) =>
        [.. Engine.Store.Tasks(instance.Id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id.Length).ThenBy(t => t.Id, StringComparer.Ordinal)];

    /// <summary>Asserts <paramref name="actor"/> is someone the task is offered to.</summary>
    public static void AssertOffered(HumanTask task, Actor actor)
    {
        if (task.Assignee is { } assignee)
        {
            Assert.True(assignee == actor.Id, $"Task '{task.ActivityId}' is assigned to {assignee}, not {actor}.");
            return;
        }

        Assert.True(task.CandidateRoles.Contains(actor.Role), $"Task '{task.ActivityId}' is offered to [{string.Join(", ", task.CandidateRoles)}], not {actor}.");
        Assert.True(task.CandidateUnit is null || task.CandidateUnit == actor.Unit, $"Task '{task.ActivityId}' is offered at unit {task.CandidateUnit}, not {actor}.");
    }

    /// <summary>Asserts the task is offered to <paramref name="role"/> at <paramref name="unit"/>.</summary>
    public static void AssertOfferedTo(HumanTask task, string role, string? unit)
    {
        Assert.Equal([role], task.CandidateRoles);
        Assert.Equal(unit, task.CandidateUnit);
    }

    public static string Text(WorkflowInstance instance, string variable) =>
        instance.Variables.TryGetValue(variable, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new Xunit.Sdk.XunitException($"variable '{variable}' is not text: {(instance.Variables.TryGetValue(variable, out var x) ? x.GetRawText() : "missing")}");

    public static double Number(WorkflowInstance instance, string variable) => instance.Variables[variable].GetDouble();

    /// <summary>A photo/file attachment id as the upload returns it (lower-case SHA-256 hex).</summary>
    public static string AttachmentId(string seed) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)));

    private static WorkflowInstance Healthy(WorkflowInstance instance)
    {
        Assert.True(instance.Status != InstanceStatus.Faulted, "The instance faulted: " + string.Join("; ", instance.Incidents.Select(i => $"{i.ActivityId}.{i.Property}: {i.Message}")));
        return instance;
    }
}
