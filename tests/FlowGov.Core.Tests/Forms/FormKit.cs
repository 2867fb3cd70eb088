using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Forms;

/// <summary>Builds forms and contexts for the forms tests.</summary>
internal static class FormKit
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>
    /// The engine's script host, shared like in production. Its wall-clock timeout is raised from the
    /// default 100 ms: a script's first run in a cold test process (JIT, two cores, tests in parallel)
    /// can pass 100 ms, and timing is not what these tests check. Statement, memory and recursion
    /// limits stay at their defaults; <see cref="HostileScriptTests"/> uses the default limits.
    /// </summary>
    public static JintScriptHost Host { get; } = new(new ScriptLimits { Timeout = TimeSpan.FromSeconds(5) });

    public static JsonElement Json(string json) => JsonElement.Parse(json);

    public static CompiledForm Compile(string json) => CompiledForm.Compile(FormDefinition.Parse(json), Host);

    /// <summary>A form with the given fields (JSON objects, comma-separated).</summary>
    public static CompiledForm Fields(string fieldsJson, string extra = "") =>
        Compile($$"""{"key": "t", "title": "测试", "fields": [{{fieldsJson}}] {{extra}} }""");

    public static FormContext Context(
        string? vars = null,
        string? previous = null,
        FormUser? user = null,
        CategoryTaxonomy? taxonomy = null,
        IFormDirectory? directory = null,
        IReadOnlyDictionary<string, FlowGov.Core.Forms.Attachments.AttachmentRecord>? attachments = null) => new()
        {
            Vars = vars is null ? new Dictionary<string, JsonElement>() : Json(vars).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
            PreviousValues = previous is null ? null : Json(previous),
            User = user ?? new FormUser("u-1", ["grid-worker"], "grid-07", "张三"),
            Now = Now,
            Taxonomy = taxonomy,
            Directory = directory,
            Attachments = attachments,
        };

    public static FormValidationResult Validate(CompiledForm form, string values, FormContext? context = null, string? action = null) =>
        FormValidator.Validate(form, Json(values), context ?? Context(), action);

    public static FormEvaluation Evaluate(CompiledForm form, string values, FormContext? context = null) =>
        FormEvaluator.Evaluate(form, Json(values), context ?? Context());

    public static string ErrorKeys(FormValidationResult result) =>
        string.Join(",", result.Errors.Select(e => $"{e.Path}:{e.Key}"));

    public static bool SameJson(JsonElement a, string expected) => JsonElement.DeepEquals(a, Json(expected));
}
