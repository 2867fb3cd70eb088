namespace FlowGov.Data;

/// <summary>The database behind the store.</summary>
public enum StoreProvider
{
    /// <summary>Embedded, one file in WAL mode: the default.</summary>
    Sqlite,
    /// <summary>For clusters: several servers share one database.</summary>
    PostgreSql,
}
