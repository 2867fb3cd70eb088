namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>A fresh database on the shared test server per call.</summary>
public sealed class PostgresSource(PostgresServer server) : IDatabaseSource
{
    public async Task<FlowGovDatabase> NewDatabaseAsync()
    {
        var db = new FlowGovDatabase(new FlowGovDataOptions { ConnectionString = await server.CreateDatabaseAsync() });
        await db.MigrateAsync();
        return db;
    }
}
