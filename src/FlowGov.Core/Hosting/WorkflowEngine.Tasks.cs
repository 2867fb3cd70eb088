using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Hosting;

/// <summary>Task submission: the form of the version the task was created under is the authority.</summary>
public sealed partial class WorkflowEngine
{
    private FormCatalog? _forms;

    private FormCatalog Forms => _forms ??= new FormCatalog(runner.Scripts);

    /// <summary>
    /// Completes a task with form values. The values are validated against the task's form as it
    /// was in the definition version the task was created under (even if newer versions exist):
    /// hidden fields dropped, computed fields recomputed, types coerced; on any error nothing
    /// changes and every field error comes back in <see cref="ResumeOutcome.FormErrors"/>.
    /// </summary>
    public async Task<ResumeOutcome> SubmitTaskAsync(string taskId, TaskSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var target = await store.FindTaskResumeTargetAsync(taskId, cancellationToken);
        if (target is null)
        {
            return ResumeOutcome.AlreadyDone($"Task {taskId} is not open: it was completed or cancelled, or never existed.");
        }

        var input = new ResumeInput(submission.User?.Id ?? submission.Actor, submission.Outcome, submission.Values) { Audit = submission.Audit };
        return await AdvanceAsync(target, input, (instance, compiled) => Check(instance, compiled, taskId, submission, input), cancellationToken);
    }

    private (ResumeInput?, ResumeOutcome?) Check(WorkflowInstance instance, CompiledDefinition compiled, string taskId, TaskSubmission submission, ResumeInput input)
    {
        var task = instance.FindTask(taskId);
        if (task?.FormKey is not { } formKey)
        {
            return (null, null);
        }

        var form = Forms.Get(compiled.Definition, formKey);
        var context = new FormContext
        {
            Vars = instance.Variables,
            Instance = JsonSerializer.SerializeToElement(
                new InstanceView(instance.Id, instance.DefinitionKey, instance.DefinitionVersion, instance.District, instance.BusinessKey, instance.StartedBy, instance.CreatedAt),
                EngineJson.Default.InstanceView),
            Task = JsonSerializer.SerializeToElement(task, EngineJson.Default.HumanTask),
            User = submission.User,
            Now = runner.Clock.GetUtcNow(),
            Calendar = runner.CalendarFor(instance.District),
            Taxonomy = submission.Taxonomy,
            Directory = submission.Directory,
            Attachments = submission.Attachments,
            PreviousValues = instance.Forms.TryGetValue(formKey, out var previous) ? previous : null,
        };
        var values = submission.Values ?? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), EngineJson.Default.DictionaryStringJsonElement);
        var result = FormValidator.Validate(form, values, context, input.Outcome);
        if (!result.IsValid)
        {
            var summary = string.Join("; ", result.Errors.Take(3).Select(e => e.ToString()));
            return (null, ResumeOutcome.Rejected($"The form '{formKey}' has {result.Errors.Count} error(s): {summary}") with { FormErrors = result.Errors });
        }

        return (input with { Data = result.Values }, null);
    }
}
