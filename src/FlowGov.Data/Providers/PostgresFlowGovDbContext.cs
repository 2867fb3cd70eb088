using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Providers;

/// <summary>The PostgreSQL flavour of <see cref="FlowGovDbContext"/> (its own model cache entry).</summary>
public sealed class PostgresFlowGovDbContext(DbContextOptions<PostgresFlowGovDbContext> options)
    : FlowGovDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.PostgreSql;
}
