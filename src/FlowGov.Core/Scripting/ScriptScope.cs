using System.Text.Json;
using FlowGov.Core.Time;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The plain data a script sees. Each member becomes a global of the same name (null members are
/// <c>undefined</c>... except <c>vars</c>, always an object). Scripts never see services.
/// </summary>
public sealed class ScriptScope
{
    /// <summary>Workflow variables, visible as <c>vars</c>.</summary>
    public IReadOnlyDictionary<string, JsonElement> Vars { get; init; } = EmptyVars;

    /// <summary>When true, the script may assign <c>vars.x = …</c> and the result carries the variables it wrote.</summary>
    public bool VarsWritable { get; init; }

    /// <summary>The activity's or start's input, visible as <c>input</c>.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Current form values, visible as <c>form</c>.</summary>
    public JsonElement? Form { get; init; }

    /// <summary>Submitted forms by form key, visible as <c>forms</c>.</summary>
    public JsonElement? Forms { get; init; }

    /// <summary>Instance facts (id, businessKey, district, startedBy, createdAt), visible as <c>instance</c>.</summary>
    public JsonElement? Instance { get; init; }

    /// <summary>The task being worked (id, activityId, assignee, item …), visible as <c>task</c>.</summary>
    public JsonElement? Task { get; init; }

    /// <summary>The acting user (id, roles, unit), visible as <c>user</c>.</summary>
    public JsonElement? User { get; init; }

    /// <summary>Inside a repeating group: the current row, visible as <c>row</c>.</summary>
    public JsonElement? Row { get; init; }

    /// <summary>Extra named values (e.g. <c>item</c> in a multi-instance task, <c>index</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Extra { get; init; }

    /// <summary>What <c>now()</c> returns.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>The district's working-day calendar, used by <c>addWorkdays</c> and <c>workdaysBetween</c>.</summary>
    public WorkdayCalendar Calendar { get; init; } = WorkdayCalendar.Default;

    private static readonly Dictionary<string, JsonElement> EmptyVars = new();
}
