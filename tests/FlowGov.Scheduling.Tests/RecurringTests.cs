using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Data.Versioning;
using FlowGov.Scheduling.Host;
using FlowGov.Scheduling.Recurring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FlowGov.Scheduling.Tests;

/// <summary>Recurring starts (definition cron triggers) on real Quartz with its persistent SQLite store.</summary>
public sealed class RecurringTests() : SchedulerDataTests("recurring")
{
    private const string Quarterly = "0 0 0 1 1/3 ? *";
    private const string Monthly = "0 0 0 1 * ? *";
    private static readonly AuditActor Author = new("test", "local");
    [Fact]
    public async Task Publish_NewVersion_MovesTrigger_RetireRemovesIt()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        var sync = host.Services.GetRequiredService<TriggerSync>();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = RecurringKeys.For("", "campaign", "season");

        await host.PublishAsync(Campaign(Quarterly));
        Assert.Equal(1, await sync.SyncDefinitionAsync(null, "campaign"));
        Assert.Equal($"v1|{Quarterly}|Asia/Shanghai", (await scheduler.GetTrigger(key))!.Description);
        // A fire in flight on a node that dies is run again by another node (the fire's business key keeps it to one start).
        Assert.True((await scheduler.GetJobDetail(RecurringKeys.Job))!.RequestsRecovery);

        await host.PublishAsync(Campaign(Monthly));
        Assert.Equal(1, await sync.SyncDefinitionAsync(null, "campaign"));
        var moved = (ICronTrigger)(await scheduler.GetTrigger(key))!;
        Assert.Equal($"v2|{Monthly}|Asia/Shanghai", moved.Description);
        Assert.Equal(Monthly, moved.CronExpressionString);
        Assert.Single((await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(RecurringKeys.Group))));

        await host.Definitions.RetireAsync(null, "campaign", 2, Author);
        await sync.SyncDefinitionAsync(null, "campaign");
        Assert.StartsWith("v1|", (await scheduler.GetTrigger(key))!.Description, StringComparison.Ordinal);

        await host.Definitions.RetireAsync(null, "campaign", 1, Author);
        Assert.Equal(0, await sync.SyncDefinitionAsync(null, "campaign"));
        Assert.False(await scheduler.Exists(key));
    }

    [Fact]
    public async Task DisabledDistrict_StopsItsTriggers_EnablingRestoresThem()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await SetDistrictAsync(host, "yuecheng", enabled: true);
        var sync = host.Services.GetRequiredService<TriggerSync>();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var key = RecurringKeys.For("yuecheng", "campaign", "season");
        await host.PublishAsync(Campaign(Quarterly) with { District = "yuecheng" });
        await sync.SyncDistrictAsync("yuecheng");
        Assert.True(await scheduler.Exists(key));

        await SetDistrictAsync(host, "yuecheng", enabled: false);
        Assert.Equal(0, await sync.SyncDistrictAsync("yuecheng"));
        Assert.False(await scheduler.Exists(key));
        Assert.Equal(0, await sync.SyncAllAsync()); // start-up agrees: a disabled district has no triggers

        await SetDistrictAsync(host, "yuecheng", enabled: true);
        Assert.Equal(1, await sync.SyncDistrictAsync("yuecheng"));
        Assert.True(await scheduler.Exists(key));
    }

    [Fact]
    public async Task RecurringStart_SameFireTimeTwice_StartsOneInstanceWithScriptedSeason()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await host.PublishAsync(Campaign(Quarterly));
        var job = host.Services.GetRequiredService<RecurringStartJob>();
        var firedAt = new DateTimeOffset(2026, 3, 31, 16, 0, 0, TimeSpan.Zero); // 2026-04-01 00:00 in Shanghai: the second quarter

        var first = await job.StartAsync("", "campaign", "season", firedAt, "Asia/Shanghai");
        var again = await job.StartAsync("", "campaign", "season", firedAt, "Asia/Shanghai"); // Quartz repeating the fire after a crash

        Assert.NotNull(first);
        Assert.Equal(first, again);
        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        Assert.Equal(1, await db.Instances.CountAsync(i => i.DefinitionKey == "campaign"));
        var instance = (await host.Engine.Store.LoadInstanceAsync(first!))!;
        Assert.Equal("夏", instance.Variables["season"].GetString());
        Assert.Equal("2026 夏季 一季一品", instance.Variables["title"].GetString());
        Assert.Equal("season@2026-03-31T16:00:00.0000000+00:00", instance.BusinessKey);

        var next = await job.StartAsync("", "campaign", "season", firedAt.AddMonths(3), "Asia/Shanghai");
        Assert.NotEqual(first, next);
        Assert.Equal("秋", (await host.Engine.Store.LoadInstanceAsync(next!))!.Variables["season"].GetString());
    }

    [Fact]
    public async Task RecurringStart_SameFireRunConcurrently_StartsOneInstance()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await host.PublishAsync(Campaign(Quarterly));
        var job = host.Services.GetRequiredService<RecurringStartJob>();
        var firedAt = new DateTimeOffset(2026, 6, 30, 16, 0, 0, TimeSpan.Zero);

        // Eight runs of one fire at once (a rerun after a crash racing a second node): each may pass the
        // "already started?" check before any commits; the unique index lets one commit through.
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => job.StartAsync("", "campaign", "season", firedAt, "Asia/Shanghai"))));

        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        var started = await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == "campaign").Select(i => i.Id).ToListAsync();
        Assert.Single(started);
        Assert.All(ids, id => Assert.Equal(started[0], id));
    }

    [Fact]
    public async Task RecurringStartKey_CommittedTwice_UniqueIndexRefusesTheSecond()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await host.PublishAsync(Campaign(Quarterly));
        var businessKey = RecurringStartJob.BusinessKey("season", new DateTimeOffset(2026, 9, 30, 16, 0, 0, TimeSpan.Zero));
        StartRequest Start(string actor) => new() { StartedBy = actor, BusinessKey = businessKey };

        await host.Engine.StartAsync("campaign", Start(RecurringStartJob.Actor));
        await Assert.ThrowsAnyAsync<Exception>(() => host.Engine.StartAsync("campaign", Start(RecurringStartJob.Actor)));
        await host.Engine.StartAsync("campaign", Start("someone")); // the index covers cron starts only: a person may reuse a business key

        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        Assert.Equal(1, await db.Instances.CountAsync(i => i.BusinessKey == businessKey && i.StartedBy == RecurringStartJob.Actor));
        Assert.Equal(2, await db.Instances.CountAsync(i => i.BusinessKey == businessKey));
    }

    [Fact]
    public async Task RecurringStart_InputScriptFails_StartsNothing()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        await host.PublishAsync(Campaign(Quarterly, "({ season: input.nope.x })"));
        var job = host.Services.GetRequiredService<RecurringStartJob>();

        Assert.Null(await job.StartAsync("", "campaign", "season", TimeProvider.System.GetUtcNow(), null));
        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        Assert.Equal(0, await db.Instances.CountAsync());
    }

    [Fact]
    public async Task CronTrigger_FiresThroughQuartz_StartsInstance()
    {
        await using var host = await SchedulerHost.CreateAsync(Data());
        host.Counter.Target = 1; // start → end completes at once
        await host.PublishAsync(Campaign("* * * * * ?"));
        await host.StartAsync(); // start-up sync schedules the published trigger

        await host.Counter.Reached.WaitAsync(TimeSpan.FromSeconds(60));

        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        var started = await db.Instances.AsNoTracking().Where(i => i.DefinitionKey == "campaign").Select(i => i.BusinessKey).ToListAsync();
        Assert.NotEmpty(started);
        Assert.All(started, b => Assert.StartsWith("season@", b, StringComparison.Ordinal));
        Assert.Equal(started.Count, started.Distinct().Count());
    }

    private static async Task SetDistrictAsync(SchedulerHost host, string district, bool enabled)
    {
        await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
        var row = await db.Districts.FirstOrDefaultAsync(d => d.District == district);
        if (row is null)
        {
            db.Districts.Add(new DistrictRow { District = district, Name = district, Enabled = enabled });
        }
        else
        {
            row.Enabled = enabled;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The seasonal-brand campaign (一季一品): start → end, started by a cron trigger whose input script names the season.</summary>
    private static WorkflowDefinition Campaign(string cron, string script = "({ season: input.season, title: input.year + ' ' + input.season + '季 一季一品' })") => new()
    {
        Key = "campaign",
        Name = "一季一品",
        Version = 1,
        Variables = [new VariableDefinition { Name = "season" }, new VariableDefinition { Name = "title" }, new VariableDefinition { Name = "firedAt" }],
        Activities = [TimerWorkflows.Activity("start", "Start"), TimerWorkflows.Activity("end", "End")],
        Connections = [new ConnectionDefinition { From = "start", To = "end", Port = Ports.Done }],
        Triggers = [new TriggerDefinition { Id = "season", Type = "cron", Cron = cron, Input = JsonSerializer.SerializeToElement(new { js = script }) }],
    };
}
