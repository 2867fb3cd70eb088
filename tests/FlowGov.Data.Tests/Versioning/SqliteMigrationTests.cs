using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Versioning;

public sealed class SqliteMigrationTests : MigrationContract, IDisposable
{
    private readonly SqliteSource _source;

    public SqliteMigrationTests()
        : this(new SqliteSource())
    {
    }

    private SqliteMigrationTests(SqliteSource source)
        : base(source) => _source = source;

    public void Dispose() => _source.Dispose();
}
