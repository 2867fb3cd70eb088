namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>All PostgreSQL tests share one server, started once.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
