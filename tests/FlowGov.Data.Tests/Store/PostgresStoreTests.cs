using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Store;

[Collection(PostgresTests.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContract(new PostgresSource(server));
