using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using FlowGov.Core.Hosting;
using FlowGov.Core.Scripting;
using FlowGov.Data;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Attachments;
using FlowGov.Server.Hosting;
using FlowGov.Server.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGov.Server.Forms;

/// <summary>
/// Live form evaluation: visibility, required, read-only, computed values, options and errors for
/// the current values. The designer's preview and the staff form both ask here, so scripts run on
/// the server's sandboxed host and never with the page's privileges.
/// </summary>
public static class FormEndpoints
{
    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    public static IEndpointRouteBuilder MapFormEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/forms/evaluate", EvaluateAsync).WithTags("Forms");
        app.MapPost("/api/tasks/{id}/evaluate", EvaluateTaskAsync).WithTags("Tasks");
        return app;
    }

    private static async Task<Results<Ok<FormEvaluationResponse>, ProblemHttpResult>> EvaluateAsync(EvaluateFormRequest request, FormCatalog forms, IScriptHost scripts, DefinitionService definitions, WorkflowEngine engine, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Values is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest("values must be a JSON object of form field values.", "values");
        }

        var access = await me.AccessAsync(cancellationToken);
        var designer = access.IsAdmin || access.HoldsAnywhere(RoleNames.Designer);
        CompiledForm form;
        if (request.Form is { ValueKind: not JsonValueKind.Null } inline)
        {
            if (!designer)
            {
                return Problems.Forbidden("Evaluating an unsaved form needs the designer or admin role.");
            }

            if (inline.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadRequest("form must be a form definition object.", "form");
            }

            // Scripts that do not parse are the designer's mistake to fix, not field errors of the preview.
            var problems = FormDefinitionValidator.Validate(inline, scripts, request.FormKey);
            if (problems.Count > 0)
            {
                return BrokenForm(new FormDefinitionException(problems));
            }

            try
            {
                form = CompiledForm.Compile(FormDefinition.Parse(inline, request.FormKey), scripts);
            }
            catch (FormDefinitionException e)
            {
                return BrokenForm(e);
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(request.DefinitionKey) || string.IsNullOrWhiteSpace(request.FormKey))
            {
                return Problems.BadRequest("Send either form (inline) or definitionKey and formKey.", string.IsNullOrWhiteSpace(request.DefinitionKey) ? "definitionKey" : "formKey");
            }

            WorkflowDefinition? definition;
            if (request.Version is null or 0)
            {
                if (!designer)
                {
                    return Problems.Forbidden("Evaluating a draft's form needs the designer or admin role.");
                }

                definition = (await definitions.GetDraftAsync(me.District, request.DefinitionKey, cancellationToken))?.Definition;
            }
            else
            {
                definition = await engine.Store.FindDefinitionAsync(me.District, request.DefinitionKey, request.Version, cancellationToken);
            }

            if (definition is null)
            {
                return Problems.NotFound($"'{request.DefinitionKey}' has no {(request.Version is null or 0 ? "draft" : $"version {request.Version}")} in your district.");
            }

            if (!definition.Forms.ContainsKey(request.FormKey))
            {
                return Problems.NotFound($"'{request.DefinitionKey}' has no form '{request.FormKey}'.");
            }

            try
            {
                form = forms.Get(definition, request.FormKey);
            }
            catch (FormDefinitionException e)
            {
                return BrokenForm(e);
            }
        }

        var context = new FormContext
        {
            Vars = request.Vars ?? [],
            Now = clock.GetUtcNow(),
            User = User(me, access),
        };
        return TypedResults.Ok(FormEvaluationResponse.From(FormEvaluator.Evaluate(form, Values(request.Values), context)));
    }

    private static async Task<Results<Ok<FormEvaluationResponse>, ProblemHttpResult>> EvaluateTaskAsync(string id, EvaluateTaskFormRequest request, TaskActions tasks, FormCatalog forms, WorkflowEngine engine, FlowGovDbContext db, CurrentUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(id, cancellationToken);
        var access = await me.AccessAsync(cancellationToken);
        if (task is null || !await tasks.CanSeeAsync(task, access, cancellationToken))
        {
            return Problems.NotFound($"No task '{id}' for you in your district.");
        }

        if (request.Values is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            return Problems.BadRequest("values must be a JSON object of form field values.", "values");
        }

        if (task.FormKey is not { } formKey)
        {
            return Problems.NotFound($"Task '{id}' has no form.");
        }

        var definition = await engine.Store.FindDefinitionAsync(me.District, task.DefinitionKey, task.DefinitionVersion, cancellationToken);
        var instance = await engine.Store.LoadInstanceAsync(task.InstanceId, cancellationToken);
        if (definition is null || instance is null || !definition.Forms.ContainsKey(formKey))
        {
            return Problems.NotFound($"The form '{formKey}' of task '{id}' is no longer available.");
        }

        JsonElement? previous = instance.Forms.TryGetValue(formKey, out var stored) ? stored : null;
        var context = new FormContext
        {
            Vars = instance.Variables,
            Now = clock.GetUtcNow(),
            User = User(me, access),
            Calendar = engine.Runner.CalendarFor(instance.District),
            PreviousValues = previous,
            Attachments = await TaskAttachments.ForTaskAsync(db, id, task.InstanceId, previous, cancellationToken),
        };
        return TypedResults.Ok(FormEvaluationResponse.From(FormEvaluator.Evaluate(forms.Get(definition, formKey), Values(request.Values), context)));
    }

    internal static FormUser User(CurrentUser me, UserAccess access) =>
        new(me.Id, [.. access.Roles], access.HomeUnit, me.Name);

    private static JsonElement Values(JsonElement? values) => values is { ValueKind: JsonValueKind.Object } v ? v : EmptyObject;

    /// <summary>A form that does not compile (bad JSON shape or a script syntax error): 400 with each problem's field, property and line.</summary>
    private static ProblemHttpResult BrokenForm(FormDefinitionException e) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid form definition", detail: e.Message,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = e.Problems.Select(p => new { field = p.Field, property = p.Property, message = p.Message, line = p.Line, column = p.Column }).ToList(),
            });
}
