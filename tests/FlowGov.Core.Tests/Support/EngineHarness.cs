using System.Text.Json;
using FlowGov.Core.Activities;
using FlowGov.Core.Definitions;
using FlowGov.Core.Hosting;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Time;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Tests.Support;

/// <summary>A whole engine in memory with a fake clock: what every runtime test drives.</summary>
internal sealed class EngineHarness
{
    /// <summary>Monday 2026-03-02 09:00 in Shanghai.</summary>
    public static readonly DateTimeOffset Monday9 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Production limits but a roomier wall clock: these tests are about flows, and a loaded CI core must not turn them into timeout tests.</summary>
    public static IScriptHost SharedScripts { get; } = new JintScriptHost(new ScriptLimits { Timeout = TimeSpan.FromSeconds(2) });

    /// <param name="scripts">The script host; <see cref="SharedScripts"/> (default limits) unless given.</param>
    public EngineHarness(WorkdayCalendar? calendar = null, RunnerOptions? options = null, IScriptHost? scripts = null)
    {
        Clock = new ManualClock(Monday9);
        Store = new InMemoryWorkflowStore();
        Compiler = new DefinitionCompiler(ActivityRegistry.Default, scripts ?? SharedScripts);
        Runner = new WorkflowRunner(scripts ?? SharedScripts, Clock, new SequentialIdGenerator(), new FixedCalendarProvider(calendar ?? WorkdayCalendar.Default), options);
        Engine = new WorkflowEngine(Store, new DefinitionCache(Compiler), Runner);
    }

    /// <summary>The same clock and store with another runner (e.g. one with an org directory).</summary>
    public EngineHarness(EngineHarness from, WorkflowRunner runner)
    {
        Clock = from.Clock;
        Store = from.Store;
        Compiler = from.Compiler;
        Runner = runner;
        Engine = new WorkflowEngine(Store, new DefinitionCache(Compiler), Runner);
    }

    public ManualClock Clock { get; }

    public InMemoryWorkflowStore Store { get; }

    public DefinitionCompiler Compiler { get; }

    public WorkflowRunner Runner { get; }

    public WorkflowEngine Engine { get; }

    public EngineHarness Publish(WorkflowDefinition definition)
    {
        var report = new DefinitionValidator(Compiler).Validate(definition);
        Assert.True(report.Ok, string.Join("\n", report.Problems));
        Store.AddDefinition(definition);
        return this;
    }

    public async Task<WorkflowInstance> StartAsync(string key, object? input = null, string? startedBy = "u-reporter")
    {
        var result = await Engine.StartAsync(key, new StartRequest
        {
            Input = input is null ? null : JsonSerializer.SerializeToElement(input),
            StartedBy = startedBy,
        });
        return await ReloadAsync(result.Instance.Id);
    }

    public async Task<WorkflowInstance> ReloadAsync(string instanceId) =>
        await Store.LoadInstanceAsync(instanceId) ?? throw new InvalidOperationException($"no instance {instanceId}");

    public static HumanTask OpenTask(WorkflowInstance instance, string activityId) =>
        instance.Tasks.Single(t => t.ActivityId == activityId);

    public async Task<ResumeOutcome> CompleteAsync(WorkflowInstance instance, string activityId, string? outcome = null, object? values = null, string actor = "u-worker")
    {
        var task = OpenTask(instance, activityId);
        return await Engine.CompleteTaskAsync(task.Id, new ResumeInput(actor, outcome, values is null ? null : JsonSerializer.SerializeToElement(values)));
    }

    /// <summary>Moves the fake clock and fires whatever came due.</summary>
    public async Task<int> AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        return await Engine.FireDueTimersAsync();
    }

    public IReadOnlyList<string> Path(WorkflowInstance instance) =>
        [.. Store.Journal(instance.Id)
            .Where(j => j.Kind is JournalKind.ActivityExecuted or JournalKind.ActivityResumed && j.Port is not null)
            .Select(j => $"{j.ActivityId}:{j.Port}")];

    public IReadOnlyList<string> Visited(WorkflowInstance instance) =>
        [.. Store.Journal(instance.Id).Where(j => j.ActivityId is not null && j.Kind != JournalKind.TokenCancelled).Select(j => j.ActivityId!).Distinct()];

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
