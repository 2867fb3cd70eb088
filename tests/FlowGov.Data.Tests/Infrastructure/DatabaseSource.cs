namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>Makes a fresh, migrated database of one provider for a test.</summary>
public interface IDatabaseSource
{
    Task<FlowGovDatabase> NewDatabaseAsync();
}
