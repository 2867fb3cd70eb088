using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlowGov.Core.Org;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;

namespace FlowGov.Core.Activities;

/// <summary>
/// What an activity may touch while it runs: the instance's data, its own token, and the effects
/// it may produce (bookmarks, tasks, notifications, child starts). One is reused for a whole run.
/// </summary>
public sealed class ActivityContext
{
    private readonly RunSession _session;
    private JsonElement? _formsView;

    internal ActivityContext(RunSession session) => _session = session;

    public WorkflowInstance Instance => _session.Instance;

    public CompiledDefinition Definition => _session.Definition;

    public CompiledActivity Activity { get; private set; } = null!;

    public Token Token { get; private set; } = null!;

    /// <summary>Set while resuming: the bookmark being resumed.</summary>
    public Bookmark? Bookmark { get; private set; }

    /// <summary>Set while resuming: who acts, the outcome chosen and the data submitted.</summary>
    public ResumeInput Input { get; private set; } = ResumeInput.Empty;

    public DateTimeOffset Now => _session.Now;

    public WorkdayCalendar Calendar => _session.Calendar;

    public RunResult Effects => _session.Result;

    /// <summary>The org tree (escalation goes to the parent unit).</summary>
    public IOrgDirectory Org => _session.Org;

    public string NewId() => _session.Ids.NewId();

    public T Config<T>() where T : class => (T)Activity.Config!;

    /// <summary>Per-token state key: state that lives as long as the token waits here.</summary>
    public string TokenStateKey => string.Concat(Activity.Id, "@", Token.Id);

    internal void Bind(Token token, CompiledActivity activity, Bookmark? bookmark, ResumeInput? input)
    {
        Token = token;
        Activity = activity;
        Bookmark = bookmark;
        Input = input ?? ResumeInput.Empty;
    }

    // ---- data -------------------------------------------------------------------------------

    public void SetVariable(string name, JsonElement value) => Instance.Variables[name] = value;

    public void SetForm(string formKey, JsonElement values)
    {
        Instance.Forms[formKey] = values;
        _formsView = null;
    }

    public bool TryGetState<T>(string key, JsonTypeInfo<T> type, out T value)
    {
        if (Instance.ActivityState.TryGetValue(key, out var json))
        {
            value = json.Deserialize(type)!;
            return true;
        }

        value = default!;
        return false;
    }

    public void SetState<T>(string key, T value, JsonTypeInfo<T> type) =>
        Instance.ActivityState[key] = JsonSerializer.SerializeToElement(value, type);

    public void ClearState(string key) => Instance.ActivityState.Remove(key);

    // ---- scripts ----------------------------------------------------------------------------

    /// <summary>Runs a script property; a failure becomes an activity fault naming the property and line.</summary>
    public bool TryRun(ScriptProperty script, out JsonElement value, out ActivityResult fault, IReadOnlyDictionary<string, JsonElement>? extra = null, bool varsWritable = false)
    {
        var result = _session.Scripts.Run(script.Script, Scope(extra, varsWritable));
        if (!result.Ok)
        {
            var e = result.Error!;
            value = default;
            fault = ActivityResult.Fault($"Script error in activity '{script.ActivityId}', property '{script.Property}': {e}", script.Property, e.Line, e.Column);
            return false;
        }

        if (result.WrittenVars is { } written)
        {
            foreach (var (k, v) in written)
            {
                Instance.Variables[k] = v;
            }
        }

        value = result.Value;
        fault = default;
        return true;
    }

    /// <summary>The value of a literal-or-script property.</summary>
    public bool TryEvaluate(PropertyValue? property, out JsonElement value, out ActivityResult fault, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        if (property is null)
        {
            value = default;
            fault = default;
            return true;
        }

        if (property.Script is { } script)
        {
            return TryRun(script, out value, out fault, extra);
        }

        value = property.Literal!.Value;
        fault = default;
        return true;
    }

    /// <summary>
    /// The duration of a property read with <see cref="PrepareContext.DurationValue"/>. A computed
    /// value must be a duration string (<c>P1M</c>, <c>PT2H</c>, <c>3WD</c>); anything else faults
    /// naming the activity and the property.
    /// </summary>
    public bool TryEvaluateDuration(PropertyValue property, string name, out ProcessDuration duration, out ActivityResult fault)
    {
        duration = default;
        if (!TryEvaluate(property, out var value, out fault))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && ProcessDuration.TryParse(value.GetString(), out duration))
        {
            return true;
        }

        fault = ActivityResult.Fault(
            $"Activity '{Activity.Id}', property '{name}': the computed value must be a duration such as P7D, P1M, PT2H or 3WD; it gave {Show(value)}.", name);
        return false;
    }

    /// <summary>
    /// The number of a property read with <see cref="PrepareContext.NumberValue"/>. A computed value
    /// must be a number (or numeric text, as form fields give) within [<paramref name="min"/>, <paramref name="max"/>];
    /// anything else faults naming the activity and the property.
    /// </summary>
    public bool TryEvaluateNumber(PropertyValue property, string name, double? min, double? max, out double number, out ActivityResult fault)
    {
        number = 0;
        if (!TryEvaluate(property, out var value, out fault))
        {
            return false;
        }

        var ok = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out number),
            JsonValueKind.String => double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        if (ok && double.IsFinite(number) && (min is not { } low || number >= low) && (max is not { } high || number <= high))
        {
            return true;
        }

        var range = min is null && max is null ? "" : $" between {Invariant(min)} and {Invariant(max)}";
        fault = ActivityResult.Fault($"Activity '{Activity.Id}', property '{name}': the computed value must be a number{range}; it gave {Show(value)}.", name);
        return false;
    }

    private static string Invariant(double? n) => n?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "…";

    private static string Show(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null ? "nothing (null or undefined)" : value.GetRawText();

    /// <summary>JavaScript truthiness of a script's result.</summary>
    public bool TryTest(ScriptProperty script, out bool truthy, out ActivityResult fault, IReadOnlyDictionary<string, JsonElement>? extra = null)
    {
        if (!TryRun(script, out var v, out fault, extra))
        {
            truthy = false;
            return false;
        }

        truthy = new ScriptResult(v, null, null).IsTruthy;
        return true;
    }

    public ScriptScope Scope(IReadOnlyDictionary<string, JsonElement>? extra = null, bool varsWritable = false) => new()
    {
        Vars = Instance.Variables,
        VarsWritable = varsWritable,
        Input = Instance.Input,
        Forms = _formsView ??= JsonSerializer.SerializeToElement(Instance.Forms, EngineJson.Default.DictionaryStringJsonElement),
        Instance = _session.InstanceView,
        Extra = extra,
        Now = Now,
        Calendar = Calendar,
    };

    // ---- effects ----------------------------------------------------------------------------

    public Bookmark CreateBookmark(BookmarkKind kind, string? key = null, DateTimeOffset? dueAt = null, string? taskId = null, string? tag = null, bool reusable = false, JsonElement? data = null, string? id = null)
    {
        var b = new Bookmark
        {
            Id = id ?? NewId(),
            InstanceId = Instance.Id,
            ActivityId = Activity.Id,
            TokenId = Token.Id,
            Kind = kind,
            Key = key,
            DueAt = dueAt,
            TaskId = taskId,
            Tag = tag,
            Reusable = reusable,
            Data = data,
            CreatedAt = Now,
        };
        Instance.Bookmarks.Add(b);
        Effects.BookmarksCreated.Add(b);
        return b;
    }

    public void RemoveBookmark(Bookmark bookmark) => _session.RemoveBookmark(bookmark);

    public IEnumerable<Bookmark> TokenBookmarks() => Instance.Bookmarks.Where(b => b.TokenId == Token.Id);

    public void AddTask(HumanTask task)
    {
        Instance.Tasks.Add(task);
        Effects.TasksCreated.Add(task);
    }

    public void TaskChanged(HumanTask task)
    {
        if (!Effects.TasksCreated.Contains(task) && !Effects.TasksUpdated.Contains(task))
        {
            Effects.TasksUpdated.Add(task);
        }
    }

    /// <summary>Completes an open task: it leaves the instance and its row is updated.</summary>
    public void CompleteTask(HumanTask task, string outcome, string? actor)
    {
        task.Status = HumanTaskStatus.Completed;
        task.Outcome = outcome;
        task.CompletedBy = actor;
        task.CompletedAt = Now;
        Instance.Tasks.Remove(task);
        TaskChanged(task);
    }

    public void Notify(Notification notification) => Effects.Notifications.Add(notification);

    public void StartChild(ChildStartRequest request) => Effects.ChildStarts.Add(request);

    /// <summary>Cancels every other token that descends from fork scope <paramref name="scope"/> (join any / N-of-M).</summary>
    public void CancelScope(string scope) => _session.CancelScope(scope, Token);

    /// <summary>Ends every token of the instance (Terminate).</summary>
    public void CancelAllOtherTokens() => _session.CancelAllExcept(Token);

    /// <summary>Drops the innermost fork scope of the token that continues after a join.</summary>
    public void LeaveScope(string scope)
    {
        if (Token.Scopes is { } s && s.Count > 0 && s[^1] == scope)
        {
            s.RemoveAt(s.Count - 1);
            if (s.Count == 0)
            {
                Token.Scopes = null;
            }
        }
    }
}
