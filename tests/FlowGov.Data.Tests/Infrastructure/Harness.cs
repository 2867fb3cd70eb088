using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Core.Time;
using FlowGov.Data.Versioning;

namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>An engine on a real store with a manual clock.</summary>
public sealed class Harness
{
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    public Harness(FlowGovDatabase database, DistrictScope scope)
    {
        Database = database;
        Scope = scope;
        Clock = new ManualClock(Epoch);
        var scripts = new NoScriptHost();
        Compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts);
        Store = new EfWorkflowStore(database, scope);
        Runner = new WorkflowRunner(scripts, Clock, new SortableIdGenerator(Clock));
        Engine = new WorkflowEngine(Store, new DefinitionCache(Compiler), Runner);
        Definitions = new DefinitionService(database, scope, Compiler, Clock);
    }

    public FlowGovDatabase Database { get; }

    public DistrictScope Scope { get; }

    public ManualClock Clock { get; }

    public DefinitionCompiler Compiler { get; }

    public EfWorkflowStore Store { get; }

    public WorkflowRunner Runner { get; }

    public WorkflowEngine Engine { get; }

    public DefinitionService Definitions { get; }

    public static readonly AuditActor Author = new("designer-1", "127.0.0.1");

    /// <summary>Saves the definition as a draft and publishes it; returns the version.</summary>
    public async Task<int> PublishAsync(WorkflowDefinition definition)
    {
        var draft = await Definitions.GetDraftAsync(definition.District, definition.Key);
        var revision = await Definitions.SaveDraftAsync(definition, draft?.Revision ?? 0, Author);
        var info = await Definitions.PublishAsync(definition.District, definition.Key, revision, "test", Author);
        return info.Version;
    }

    public FlowGovDbContext Context(DistrictScope? scope = null) => Database.CreateContext(scope ?? Scope);
}
