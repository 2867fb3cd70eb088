using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Versioning;

public sealed class SqliteDefinitionServiceTests : DefinitionServiceContract, IDisposable
{
    private readonly SqliteSource _source;

    public SqliteDefinitionServiceTests()
        : this(new SqliteSource())
    {
    }

    private SqliteDefinitionServiceTests(SqliteSource source)
        : base(source) => _source = source;

    public void Dispose() => _source.Dispose();
}
