using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Providers;

/// <summary>The SQLite flavour of <see cref="FlowGovDbContext"/> (its own model cache entry).</summary>
public sealed class SqliteFlowGovDbContext(DbContextOptions<SqliteFlowGovDbContext> options)
    : FlowGovDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;
}
