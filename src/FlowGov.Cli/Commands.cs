using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;
using FlowGov.Core.Validation;
using FlowGov.Core.Versioning;

namespace FlowGov.Cli;

/// <summary>The CLI's commands; each returns the process exit code.</summary>
internal static class Commands
{
    private static readonly JintScriptHost Scripts = new();
    private static readonly DefinitionCompiler Compiler = new(ActivityRegistry.Default, Scripts);

    public static int Validate(IEnumerable<FileInfo> files)
    {
        var failed = 0;
        foreach (var f in files)
        {
            var (definition, problems) = Load(f);
            if (problems.Count == 0)
            {
                Console.WriteLine($"✓ {f.Name}: {definition!.Key} ({definition.Name}), {definition.Activities.Count} activities");
                continue;
            }

            failed++;
            Console.WriteLine($"✗ {f.Name}:");
            foreach (var p in problems)
            {
                Console.WriteLine($"    {p}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    public static int Diff(FileInfo from, FileInfo to, bool json)
    {
        WorkflowDefinition a, b;
        try
        {
            a = DefinitionJson.Parse(File.ReadAllText(from.FullName));
            b = DefinitionJson.Parse(File.ReadAllText(to.FullName));
        }
        catch (DefinitionParseException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }

        var changes = SemanticDiffer.Diff(a, b);
        Console.Write(json ? JsonSerializer.Serialize(changes, VersioningJson.Indented) + Environment.NewLine : DiffText.Render(changes, from.Name, to.Name));
        return changes.Identical ? 0 : 1;
    }

    public static int Run(FileInfo file, string? input)
    {
        var (definition, problems) = Load(file);
        if (definition is null || problems.Count > 0)
        {
            return Validate([file]);
        }

        return RunInMemory(definition, input is null ? null : JsonDocument.Parse(input).RootElement.Clone()).GetAwaiter().GetResult();
    }

    public static int Demo()
    {
        var dir = FindWorkflows();
        if (dir is null)
        {
            Console.Error.WriteLine("No workflows/ folder found above the current directory.");
            return 2;
        }

        var files = dir.GetFiles("*.json", SearchOption.TopDirectoryOnly).Where(f => !f.Name.StartsWith('_')).OrderBy(f => f.Name).ToArray();
        Console.WriteLine($"FlowGov demo: {files.Length} definitions in {dir.FullName}\n");
        if (Validate(files) != 0)
        {
            return 1;
        }

        foreach (var f in files)
        {
            Console.WriteLine();
            Run(f, null);
        }

        Console.WriteLine("""

            This demo answers every task with its first button and empty form values, so a step whose
            script needs real answers stops there as an incident (shown above). The scenario tests in
            tests/FlowGov.Core.Tests/Processes drive every process with real form data.
            """);
        return 0;
    }

    private static async Task<int> RunInMemory(WorkflowDefinition definition, JsonElement? input)
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        var store = new InMemoryWorkflowStore();
        store.AddDefinition(definition);
        var engine = new WorkflowEngine(store, new DefinitionCache(Compiler), new WorkflowRunner(Scripts, clock, new SequentialIdGenerator("#")));
        var started = await engine.StartAsync(definition.Key, new StartRequest { Input = input, StartedBy = "demo" });
        var id = started.Instance.Id;
        Console.WriteLine($"▶ {definition.Name} ({definition.Key} v{definition.Version}), instance {id}");
        for (var round = 0; round < 200; round++)
        {
            var instance = (await store.LoadInstanceAsync(id))!;
            if (instance.Status != InstanceStatus.Running)
            {
                break;
            }

            if (instance.Tasks.Count > 0)
            {
                var task = instance.Tasks[0];
                await engine.CompleteTaskAsync(task.Id, new ResumeInput("demo", task.Outcomes.Count > 0 ? task.Outcomes[0] : null, null));
                continue;
            }

            var next = instance.Bookmarks.Where(b => b.DueAt is not null).Min(b => b.DueAt);
            if (next is null)
            {
                break;
            }

            clock.SetUtcNow(next.Value > clock.GetUtcNow() ? next.Value : clock.GetUtcNow());
            await engine.FireDueTimersAsync();
        }

        foreach (var j in store.Journal(id))
        {
            var local = TimeZoneInfo.ConvertTime(j.At, WorkdayCalendar.ChinaStandardTime);
            Console.WriteLine($"  {j.Sequence,3} {local:MM-dd HH:mm} {j.Kind,-18} {j.ActivityId,-16} {j.Port,-12} {j.Actor} {j.Message}");
        }

        var final = (await store.LoadInstanceAsync(id))!;
        Console.WriteLine($"■ {final.Status}{(final.Incidents.Count > 0 ? ": " + final.Incidents[^1].Message : "")}");
        return final.Status == InstanceStatus.Faulted ? 1 : 0;
    }

    private static (WorkflowDefinition? Definition, IReadOnlyList<Core.Validation.DefinitionProblem> Problems) Load(FileInfo file)
    {
        WorkflowDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(File.ReadAllText(file.FullName), EngineJson.Default.WorkflowDefinition);
        }
        catch (JsonException ex)
        {
            return (null, [new Core.Validation.DefinitionProblem("bad-json", ex.Message) { Path = $"line {ex.LineNumber + 1}" }]);
        }

        if (definition is null)
        {
            return (null, [new Core.Validation.DefinitionProblem("bad-json", "The file holds no definition.")]);
        }

        return (definition, new DefinitionValidator(Compiler).Validate(definition).Problems);
    }

    private static DirectoryInfo? FindWorkflows()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            var w = new DirectoryInfo(Path.Combine(d.FullName, "workflows"));
            if (w.Exists)
            {
                return w;
            }
        }

        return null;
    }
}
