using System.Text.Json;
using FlowGov.Core.Activities;
using FlowGov.Core.Org;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;

namespace FlowGov.Core.Runtime;

/// <summary>The state of one advance of one instance: the ready queue, the effects being collected, the clock reading.</summary>
internal sealed class RunSession
{
    private JsonElement? _instanceView;
    private HashSet<Token>? _cancelled;

    public RunSession(WorkflowInstance instance, CompiledDefinition definition, IScriptHost scripts, IIdGenerator ids, DateTimeOffset now, WorkdayCalendar calendar, RunnerOptions options)
    {
        Instance = instance;
        Definition = definition;
        Scripts = scripts;
        Ids = ids;
        Now = now;
        Calendar = calendar;
        Options = options;
        Result = new RunResult(instance);
        Context = new ActivityContext(this);
    }

    public WorkflowInstance Instance { get; }

    public CompiledDefinition Definition { get; }

    public IScriptHost Scripts { get; }

    public IIdGenerator Ids { get; }

    public DateTimeOffset Now { get; }

    public WorkdayCalendar Calendar { get; }

    public RunnerOptions Options { get; }

    public IOrgDirectory Org { get; init; } = IOrgDirectory.None;

    public RunResult Result { get; }

    public ActivityContext Context { get; }

    public Queue<Token> Ready { get; } = new();

    public JsonElement InstanceView => _instanceView ??= JsonSerializer.SerializeToElement(
        new InstanceView(Instance.Id, Instance.DefinitionKey, Instance.DefinitionVersion, Instance.District, Instance.BusinessKey, Instance.StartedBy, Instance.CreatedAt),
        EngineJson.Default.InstanceView);

    public bool IsCancelled(Token token) => _cancelled is not null && _cancelled.Contains(token);

    public void Journal(JournalKind kind, CompiledActivity? activity, string? port, Token? token, string? actor = null, JsonElement? data = null, string? message = null)
    {
        Result.Journal.Add(new JournalEntry
        {
            Sequence = ++Instance.JournalSequence,
            InstanceId = Instance.Id,
            Kind = kind,
            ActivityId = activity?.Id,
            ActivityType = activity?.Behavior.Type,
            Port = port,
            TokenId = token?.Id,
            At = Now,
            Actor = actor,
            Data = data is null ? null : JournalEntry.Cap(data, Options.JournalDataLimit),
            Message = message,
        });
    }

    public void RemoveBookmark(Bookmark bookmark)
    {
        if (!Instance.Bookmarks.Remove(bookmark))
        {
            return;
        }

        Result.BookmarksRemoved.Add(bookmark);
        if (bookmark.TaskId is { } taskId && Instance.FindTask(taskId) is { } task)
        {
            task.Status = HumanTaskStatus.Cancelled;
            task.CompletedAt = Now;
            Instance.Tasks.Remove(task);
            if (!Result.TasksCreated.Contains(task) && !Result.TasksUpdated.Contains(task))
            {
                Result.TasksUpdated.Add(task);
            }
        }

        if (bookmark.Kind == BookmarkKind.Child)
        {
            Result.ChildrenToCancel.Add(bookmark.Id);
        }
    }

    /// <summary>The token leaves its activity: its bookmarks, open tasks and per-token state go.</summary>
    public void Leave(Token token)
    {
        var bookmarks = Instance.Bookmarks;
        for (var i = bookmarks.Count - 1; i >= 0; i--)
        {
            if (i < bookmarks.Count && bookmarks[i].TokenId == token.Id)
            {
                RemoveBookmark(bookmarks[i]);
            }
        }

        if (Instance.ActivityState.Count > 0)
        {
            Instance.ActivityState.Remove(string.Concat(token.ActivityId, "@", token.Id));
        }
    }

    public void CancelToken(Token token, string reason)
    {
        Leave(token);
        Instance.Tokens.Remove(token);
        (_cancelled ??= []).Add(token);
        Journal(JournalKind.TokenCancelled, Definition.Find(token.ActivityId), null, token, message: reason);
    }

    public void CancelScope(string scope, Token except)
    {
        foreach (var t in Instance.Tokens.ToArray())
        {
            if (!ReferenceEquals(t, except) && t.Scopes is { } s && s.Contains(scope))
            {
                CancelToken(t, "Branch no longer needed: the join it leads to has fired.");
            }
        }
    }

    public void CancelAllExcept(Token except)
    {
        foreach (var t in Instance.Tokens.ToArray())
        {
            if (!ReferenceEquals(t, except))
            {
                CancelToken(t, "Instance terminated.");
            }
        }
    }
}
