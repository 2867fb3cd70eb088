using System.Globalization;
using FlowGov.Core.Hosting;
using FlowGov.Core.Runtime;
using FlowGov.Data;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Scheduling.Host;

/// <summary>
/// One node of a Quartz cluster on a shared PostgreSQL store, as a server process runs it. The driving
/// test kills nodes; each completion this node commits is printed (<c>FIRED id</c>), so the test knows a
/// node did work before it kills it, and <c>DONE n</c> when the database holds the expected number of
/// completed instances, whichever node completed them.
/// </summary>
public static class ClusterNode
{
    public static async Task<int> RunAsync(string connectionString, int expected)
    {
        var fired = new FiredPrinter();
        await using var host = await SchedulerHost.CreateAsync(new FlowGovDataOptions { ConnectionString = connectionString }, observer: fired);
        await host.StartAsync();
        Console.WriteLine("STARTED");
        while (true)
        {
            // Waits on this node's own completions, and re-counts the database now and then, because
            // the last instances may be completed by the other node.
            await Task.WhenAny(fired.Next(), Task.Delay(TimeSpan.FromSeconds(1)));
            await using var db = host.Database.CreateContext(DistrictScope.AllDistricts);
            var done = await db.Instances.CountAsync(i => i.Status == nameof(InstanceStatus.Completed));
            if (done >= expected)
            {
                Console.WriteLine("DONE " + fired.Count.ToString(CultureInfo.InvariantCulture));
                await Task.Delay(Timeout.Infinite); // stays a live cluster member until the test kills it
            }
        }
    }

    private sealed class FiredPrinter : ICommitObserver
    {
        private readonly Lock _gate = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Next()
        {
            lock (_gate)
            {
                return _next.Task;
            }
        }

        public ValueTask OnCommittedAsync(RunResult result, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(result);
            if (result.StatusChanged && result.Instance.Status == InstanceStatus.Completed)
            {
                Interlocked.Increment(ref _count);
                lock (_gate)
                {
                    Console.WriteLine("FIRED " + result.Instance.Id);
                    _next.TrySetResult();
                    _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
