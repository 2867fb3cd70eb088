namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>A fresh database on the shared test server per call; group commit as the provider defaults unless asked for.</summary>
public sealed class PostgresSource(PostgresServer server, bool? groupCommit = null) : IDatabaseSource
{
    public async Task<FlowGovDatabase> NewDatabaseAsync()
    {
        var db = new FlowGovDatabase(new FlowGovDataOptions { ConnectionString = await server.CreateDatabaseAsync(), GroupCommit = groupCommit });
        await db.MigrateAsync();
        return db;
    }
}
