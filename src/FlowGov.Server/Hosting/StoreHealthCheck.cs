using FlowGov.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowGov.Server.Hosting;

/// <summary><c>/readyz</c>: start-up finished and the store answers; the scheduler, once there is one, runs.</summary>
internal sealed class StoreHealthCheck(FlowGovDatabase database, StartupState startup) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!startup.Ready)
        {
            return HealthCheckResult.Unhealthy("Starting: migrations and first-start seeding are not finished.");
        }

        await using var db = database.CreateContext(DistrictScope.AllDistricts);
        return await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{database.Provider} store answers.")
            : HealthCheckResult.Unhealthy($"{database.Provider} store does not answer.");
    }
}
