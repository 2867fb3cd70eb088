using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Store;

[Collection(PostgresTests.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContract(new PostgresSource(server));

/// <summary>The same contract with group commit turned on (off by default on PostgreSQL, ADR 0015).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresGroupCommitStoreTests(PostgresServer server) : StoreContract(new PostgresSource(server, groupCommit: true));
