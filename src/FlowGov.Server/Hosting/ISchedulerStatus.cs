namespace FlowGov.Server.Hosting;

/// <summary>
/// The seam for the scheduler (branch <c>sched</c>: <c>FlowGov.Scheduling</c>, Quartz). When it
/// lands, <c>services.AddFlowGovScheduling(...)</c> goes into <see cref="ServerSetup"/> and registers
/// an implementation of this, which <c>/readyz</c> then checks. Until then no timer fires in the
/// server: deadlines, delays and recurring starts wait.
/// </summary>
public interface ISchedulerStatus
{
    /// <summary>Null when healthy; otherwise what is wrong.</summary>
    Task<string?> ProblemAsync(CancellationToken cancellationToken);
}
