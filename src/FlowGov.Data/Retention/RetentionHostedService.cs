using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowGov.Data.Retention;

/// <summary>
/// Applies the retention policies every <see cref="RetentionOptions.Interval"/> by the injected
/// clock. The due check is <see cref="TickAsync"/> (tests drive it with a ManualClock); the loop
/// around it only wakes up once a minute to ask. In a server the loop first waits for
/// <paramref name="storeReady"/>: the schema is migrated in the background after the server listens.
/// </summary>
public sealed partial class RetentionHostedService(
    RetentionService service,
    RetentionOptions options,
    TimeProvider clock,
    ILogger<RetentionHostedService> logger,
    Func<CancellationToken, Task>? storeReady = null) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    private readonly TaskCompletionSource<RetentionReport> _firstRun = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _nextRun;

    /// <summary>The report of the loop's first application of the policies (it runs as soon as the store is ready); faults if that run failed.</summary>
    public Task<RetentionReport> FirstRun => _firstRun.Task;

    /// <summary>Applies the policies when due (the first tick after start-up always is); returns the report, or null when not due.</summary>
    public async Task<RetentionReport?> TickAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (_nextRun is { } next && now < next)
        {
            return null;
        }

        _nextRun = now + options.Interval;
        var report = await service.RunAsync(options, cancellationToken).ConfigureAwait(false);
        if (report.Deleted > 0)
        {
            LogApplied(report.Deleted, report.Archived);
        }

        return report;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Policies.Count == 0)
        {
            _firstRun.TrySetResult(new RetentionReport([]));
            return;
        }

        if (storeReady is not null)
        {
            try
            {
                await storeReady(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Start-up failed and stops the server; it has logged why.
                _firstRun.TrySetException(ex);
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TickAsync(stoppingToken).ConfigureAwait(false) is { } report)
                {
                    _firstRun.TrySetResult(report);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
                _firstRun.TrySetException(ex);
            }

            await Task.Delay(Poll, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Removed} finished instances ({Archived} archived first).")]
    private partial void LogApplied(int removed, int archived);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; retried at the next interval.")]
    private partial void LogFailed(Exception exception);
}
