using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Server.Tests.Support;

/// <summary>
/// The real server on a fresh database of a throwaway PostgreSQL (started for the test class,
/// stopped and deleted after it). Without PostgreSQL binaries the fixture fails with the reason.
/// </summary>
public sealed class PostgresServerFactory : IAsyncLifetime, IDisposable
{
    private readonly PostgresServer _postgres = new();
    private ServerFactory? _server;

    public ServerFactory Server => _server ?? throw new InvalidOperationException("The PostgreSQL fixture is not initialised.");

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        _server = new ServerFactory();
        _server.Settings["FlowGov:ConnectionString"] = await _postgres.CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await _postgres.DisposeAsync();
    }

    public void Dispose() => _server?.Dispose();
}
