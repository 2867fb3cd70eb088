using System.Text.Json;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Versioning;

namespace FlowGov.Bench.Store;

/// <summary>An engine on a real store (as a server wires it), with the benchmark definition published.</summary>
internal sealed class EngineRig
{
    public const string District = "lcx";
    public const string Key = "bench";
    public const string Role = "r1";
    public const string Unit = "u7";
    public const int TasksPerInstance = 12;

    private static readonly AuditActor Author = new("bench", "127.0.0.1");
    private static readonly JsonElement Form = JsonDocument.Parse(
        """{"comment":"核实无误，同意办理。Checked on site, documents complete.","amount":1250.5,"approved":true,"attachments":["a-1.pdf","a-2.jpg"]}""").RootElement.Clone();

    private EngineRig(FlowGovDatabase database, bool timed)
    {
        Database = database;
        Scope = DistrictScope.For(District);
        var scripts = new NoScriptHost();
        var compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts);
        Store = new EfWorkflowStore(database, Scope);
        // Timing every store call costs the measured runs a wrapper per call, so only --breakdown has it.
        Timed = timed ? new TimedStore(Store) : null;
        Engine = new WorkflowEngine((IWorkflowStore?)Timed ?? Store, new DefinitionCache(compiler), new WorkflowRunner(scripts, TimeProvider.System, new SortableIdGenerator(TimeProvider.System)));
        Definitions = new DefinitionService(database, Scope, compiler, TimeProvider.System);
    }

    public FlowGovDatabase Database { get; }

    public DistrictScope Scope { get; }

    public EfWorkflowStore Store { get; }

    public TimedStore? Timed { get; }

    public WorkflowEngine Engine { get; }

    public DefinitionService Definitions { get; }

    public static async Task<EngineRig> CreateAsync(FlowGovDataOptions options, bool timed = false)
    {
        var db = new FlowGovDatabase(options);
        await db.MigrateAsync();
        var rig = new EngineRig(db, timed);
        await rig.PublishAsync(0);
        return rig;
    }

    /// <summary>Start → t1 → t2 → … → t12 → End, each a role + unit task with a 72 h deadline.</summary>
    public static WorkflowDefinition Definition(int variant)
    {
        var activities = new List<ActivityDefinition> { A("start", "Start", "{}") };
        var connections = new List<ConnectionDefinition>();
        var prev = "start";
        for (var i = 1; i <= TasksPerInstance; i++)
        {
            var id = "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            activities.Add(A(id, "UserTask", $$"""{"title":"审核 {{i}} / v{{variant}}","candidateRoles":["{{Role}}"],"candidateUnit":"{{Unit}}","due":"PT72H"}"""));
            connections.Add(new ConnectionDefinition { From = prev, To = id, Port = prev == "start" ? Ports.Done : "done" });
            prev = id;
        }

        activities.Add(A("end", "End", "{}"));
        connections.Add(new ConnectionDefinition { From = prev, To = "end", Port = "done" });
        return new WorkflowDefinition
        {
            Key = Key,
            Name = "基准流程 " + variant.ToString(System.Globalization.CultureInfo.InvariantCulture),
            District = District,
            Activities = activities,
            Connections = connections,
        };
    }

    public async Task<int> PublishAsync(int variant)
    {
        var d = Definition(variant);
        var draft = await Definitions.GetDraftAsync(d.District, d.Key);
        var revision = await Definitions.SaveDraftAsync(d, draft?.Revision ?? 0, Author);
        var info = await Definitions.PublishAsync(d.District, d.Key, revision, "bench", Author);
        return info.Version;
    }

    public Task<RunResult> StartAsync() =>
        Engine.StartAsync(Key, new StartRequest { District = District, StartedBy = "applicant-1" });

    /// <summary>Starts <paramref name="count"/> instances; returns the open task of each.</summary>
    public async Task<List<string>> PreStartAsync(int count)
    {
        var tasks = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var r = await StartAsync();
            tasks.Add(r.TasksCreated[0].Id);
        }

        return tasks;
    }

    /// <summary>Completes a task; returns the next open task of the instance, or null once it ended.</summary>
    public async Task<string?> CompleteAsync(string taskId)
    {
        var outcome = await Engine.CompleteTaskAsync(taskId, new ResumeInput("officer-1", "done", Form));
        if (outcome.Status != ResumeStatus.Resumed)
        {
            throw new InvalidOperationException($"Completing {taskId}: {outcome.Status} {outcome.Message}");
        }

        var next = outcome.Result!.TasksCreated.FirstOrDefault(t => t.Status == HumanTaskStatus.Open);
        return next?.Id;
    }

    private static ActivityDefinition A(string id, string type, string properties) => new()
    {
        Id = id,
        Type = type,
        Properties = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(properties)!,
    };
}
