using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Versioning;

[Collection(PostgresTests.Name)]
public sealed class PostgresMigrationTests(PostgresServer server) : MigrationContract(new PostgresSource(server));
