using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Crash;

/// <summary>The crash test on the suite's throwaway PostgreSQL server (the driver, not the server, is killed).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresCrashTests(PostgresServer server) : CrashContract
{
    protected override Task<string> StoreAsync() => server.CreateDatabaseAsync();
}
