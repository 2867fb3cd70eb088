using System.Text.Json;
using FlowGov.Core.Runtime;

namespace FlowGov.Core.Activities.Flow;

/// <summary>Starts a child process, waits for it to finish, and keeps its output in a variable.</summary>
public sealed class SubProcessActivity : ActivityBehavior
{
    private static readonly ActivityDescriptor Shape = new(
        "SubProcess", ActivityCategories.Flow, "子流程", "Sub-process", "Runs another published process and waits for it to finish.",
        [
            new PropertyDescriptor("definition", PropertyKind.DefinitionKey, "子流程", "Process") { Required = true },
            new PropertyDescriptor("version", PropertyKind.Number, "版本（空=最新发布）", "Version (empty = latest published)"),
            new PropertyDescriptor("input", PropertyKind.Value, "输入", "Input") { Hint = "{\"js\": \"({ caseNo: vars.caseNo })\"}" },
            new PropertyDescriptor("businessKey", PropertyKind.Value, "业务编号", "Business key"),
            new PropertyDescriptor("outputVariable", PropertyKind.Variable, "输出变量", "Output variable"),
        ],
        [new PortDescriptor("done", "完成", "Done")]);

    public override ActivityDescriptor Descriptor => Shape;

    public override object? Prepare(PrepareContext context) => new Config(
        context.Text("definition", required: true) ?? "",
        context.Number("version", min: 1) is { } v ? (int)v : null,
        context.Value("input"),
        context.Value("businessKey"),
        context.Text("outputVariable"));

    public override ActivityResult Execute(ActivityContext context)
    {
        var config = context.Config<Config>();
        if (!context.TryEvaluate(config.Input, out var input, out var fault) || !context.TryEvaluate(config.BusinessKey, out var key, out fault))
        {
            return fault;
        }

        var bookmark = context.CreateBookmark(BookmarkKind.Child);
        context.StartChild(new ChildStartRequest(
            context.Instance.Id,
            bookmark.Id,
            config.Definition,
            config.Version,
            input.ValueKind == JsonValueKind.Undefined ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement>(), EngineJson.Default.DictionaryStringJsonElement) : input,
            key.ValueKind == JsonValueKind.String ? key.GetString() : null));
        return ActivityResult.Wait;
    }

    public override ActivityResult Resume(ActivityContext context)
    {
        var config = context.Config<Config>();
        if (config.OutputVariable is { } name && context.Input.Data is { } output)
        {
            context.SetVariable(name, output);
        }

        return ActivityResult.Done;
    }

    private sealed record Config(string Definition, int? Version, PropertyValue? Input, PropertyValue? BusinessKey, string? OutputVariable);
}
