using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Store;

public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly SqliteSource _source;

    public SqliteStoreTests()
        : this(new SqliteSource())
    {
    }

    private SqliteStoreTests(SqliteSource source)
        : base(source) => _source = source;

    public void Dispose() => _source.Dispose();
}
