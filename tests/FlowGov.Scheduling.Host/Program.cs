using System.Globalization;
using System.Text.Json;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Scheduling.Host;

// FlowGov.Scheduling.Host seed <dir> <count> <dueInMs>   start the scheduler, create <count> instances whose timers come due together, print READY, run until killed
// FlowGov.Scheduling.Host run <dir> <count>               start the scheduler (reconcile + misfires), print DONE when all <count> instances completed
// FlowGov.Scheduling.Host node <postgres> <count>         one node of a clustered Quartz on PostgreSQL: print FIRED for each instance
//                                                         this node completes, DONE when the database has <count> completed, run until killed
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: FlowGov.Scheduling.Host seed <dir> <count> <dueInMs> | run <dir> <count> | node <postgres connection string> <count>");
    return 64;
}

if (args[0] == "node")
{
    return await ClusterNode.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
}

var data = new FlowGovDataOptions { DataDirectory = args[1], Synchronous = SqliteSynchronous.Normal };
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
// The seeding engine's clock reads an hour back, so every timer is still pending when its instance
// starts although the real due time (which Quartz uses) passes while seeding goes on.
await using var host = await SchedulerHost.CreateAsync(data, clock: args[0] == "seed" ? new OffsetClock(TimeSpan.FromHours(-1)) : null);
if (args[0] == "seed")
{
    host.Counter.Target = 1;
    await host.StartAsync();
    var dueIn = TimeSpan.FromMilliseconds(int.Parse(args[3], CultureInfo.InvariantCulture));
    await host.PublishAsync(TimerWorkflows.WaitUntil());
    var at = TimeProvider.System.GetUtcNow() + dueIn ;
    var input = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["at"] = at.ToString("O", CultureInfo.InvariantCulture) });
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        await host.Engine.StartAsync("timer", new StartRequest { Input = input, StartedBy = "seed" }, cancellationToken: ct));
    Console.WriteLine("READY");
    await host.Counter.Reached;
    Console.WriteLine("FIRING");
    await Task.Delay(Timeout.Infinite); // runs (and fires timers) until it is SIGKILLed
    return 0;
}

await using (var db = host.Database.CreateContext(DistrictScope.AllDistricts))
{
    var done = db.Instances.Count(i => i.Status == nameof(InstanceStatus.Completed));
    Console.WriteLine("ALREADY " + done.ToString(CultureInfo.InvariantCulture));
    host.Counter.Target = count - done;
}

if (host.Counter.Target <= 0)
{
    Console.WriteLine("DONE 0");
    return 0;
}

await host.StartAsync();
// A progress line every 5 s shows whether a slow run is still moving (the driving test reads them).
var deadline = TimeProvider.System.GetUtcNow().AddMinutes(6);
while (!host.Counter.Reached.IsCompleted && TimeProvider.System.GetUtcNow() < deadline)
{
    await Task.WhenAny(host.Counter.Reached, Task.Delay(TimeSpan.FromSeconds(5)));
    Console.WriteLine("PROGRESS " + host.Counter.Completed.ToString(CultureInfo.InvariantCulture));
}

Console.WriteLine((host.Counter.Reached.IsCompleted ? "DONE " : "STALLED ") + host.Counter.Completed.ToString(CultureInfo.InvariantCulture));
return 0;
