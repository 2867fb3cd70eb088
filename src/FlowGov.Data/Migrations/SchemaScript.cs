namespace FlowGov.Data.Migrations;

/// <summary>One versioned schema script (<c>Migrations/{provider}/NNNN_name.sql</c>, embedded).</summary>
public sealed record SchemaScript(int Version, string Name, string Sql, string Checksum);
