using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Retention;

[Collection(PostgresTests.Name)]
public sealed class PostgresRetentionTests(PostgresServer server) : RetentionContract(new PostgresSource(server));
