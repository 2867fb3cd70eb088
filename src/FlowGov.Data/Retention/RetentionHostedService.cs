using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlowGov.Data.Retention;

/// <summary>
/// Applies the retention policies every <see cref="RetentionOptions.Interval"/> by the injected
/// clock. The due check is <see cref="TickAsync"/> (tests drive it with a ManualClock); the loop
/// around it only wakes up once a minute to ask.
/// </summary>
public sealed partial class RetentionHostedService(RetentionService service, RetentionOptions options, TimeProvider clock, ILogger<RetentionHostedService> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(1);
    private DateTimeOffset? _nextRun;

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
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }

            await Task.Delay(Poll, clock, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention removed {Removed} finished instances ({Archived} archived first).")]
    private partial void LogApplied(int removed, int archived);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; retried at the next interval.")]
    private partial void LogFailed(Exception exception);
}
