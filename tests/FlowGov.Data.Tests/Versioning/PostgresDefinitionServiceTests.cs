using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Versioning;

[Collection(PostgresTests.Name)]
public sealed class PostgresDefinitionServiceTests(PostgresServer server) : DefinitionServiceContract(new PostgresSource(server));
