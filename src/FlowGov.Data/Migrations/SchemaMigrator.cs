using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FlowGov.Data.Migrations;

/// <summary>
/// Applies the embedded, numbered SQL scripts of the provider that are newer than the database's
/// <c>schema_version</c>, each in its own transaction, and refuses to start when an applied script
/// was edited afterwards (ADR 0001). Safe to run concurrently from several processes.
/// </summary>
public static class SchemaMigrator
{
    public const string VersionTable = "schema_version";

    /// <summary>The scripts of a provider, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Scripts(StoreProvider provider)
    {
        var folder = provider == StoreProvider.Sqlite ? "Sqlite" : "Postgres";
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<SchemaScript>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            var parts = name.Split('/', '\\');
            if (parts.Length != 2 || parts[0] != folder || !parts[1].EndsWith(".sql", StringComparison.Ordinal) || parts[1].StartsWith("model", StringComparison.Ordinal))
            {
                continue;
            }

            var file = parts[1];
            var version = int.Parse(file.AsSpan(0, file.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            var sql = Read(assembly, name);
            scripts.Add(new SchemaScript(version, Path.GetFileNameWithoutExtension(file), sql, Checksum(sql)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Schema scripts of {provider} must be numbered 1, 2, 3 … without gaps; found {scripts[i].Name} at position {i + 1}.");
            }
        }

        return scripts;
    }

    /// <summary>The schema the current model would create (EF's create script), as committed in <c>model.sql</c>.</summary>
    public static string? ModelSnapshot(StoreProvider provider)
    {
        var name = (provider == StoreProvider.Sqlite ? "Sqlite" : "Postgres") + "/model.sql";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames().Contains(name) ? Read(assembly, name) : null;
    }

    /// <summary>Applies pending scripts; returns the versions applied.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(FlowGovDbContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var provider = context.Provider;
        var scripts = Scripts(provider);
        var applied = new List<int>();
        var db = context.Database;
        await db.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = db.GetDbConnection();
            await ExecuteAsync(connection, null, provider == StoreProvider.Sqlite
                ? $"CREATE TABLE IF NOT EXISTS {VersionTable} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);"
                : $"CREATE TABLE IF NOT EXISTS {VersionTable} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());", cancellationToken).ConfigureAwait(false);

            foreach (var script in scripts)
            {
                // SQLite: BEGIN IMMEDIATE takes the write lock; PostgreSQL: an advisory lock. Either way a
                // second process waits here, then sees the version applied and skips it.
                var tx = await db.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (tx.ConfigureAwait(false))
                {
                    var dbTx = tx.GetDbTransaction();
                    if (provider == StoreProvider.PostgreSql)
                    {
                        await ExecuteAsync(connection, dbTx, "SELECT pg_advisory_xact_lock(7301961);", cancellationToken).ConfigureAwait(false);
                    }

                    var existing = await ScalarAsync(connection, dbTx, $"SELECT checksum FROM {VersionTable} WHERE version = {script.Version.ToString(CultureInfo.InvariantCulture)};", cancellationToken).ConfigureAwait(false);
                    if (existing is string checksum)
                    {
                        if (checksum != script.Checksum)
                        {
                            throw new InvalidOperationException(
                                $"Schema script {script.Name} was changed after it was applied to this database (checksum {checksum} → {script.Checksum}). Never edit a released script: add a new numbered one.");
                        }

                        await tx.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    await ExecuteAsync(connection, dbTx, script.Sql, cancellationToken).ConfigureAwait(false);
                    var now = provider == StoreProvider.Sqlite ? "datetime('now')" : "now()";
                    await ExecuteAsync(connection, dbTx,
                        $"INSERT INTO {VersionTable} (version, name, checksum, applied_at) VALUES ({script.Version.ToString(CultureInfo.InvariantCulture)}, '{script.Name}', '{script.Checksum}', {now});",
                        cancellationToken).ConfigureAwait(false);
                    await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                    applied.Add(script.Version);
                }
            }
        }
        finally
        {
            await db.CloseConnectionAsync().ConfigureAwait(false);
        }

        return applied;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is our own embedded script or built from constants and integers, never user input.
            command.CommandText = sql;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.Transaction = transaction;
#pragma warning disable CA2100 // Built from constants and an integer.
            command.CommandText = sql;
#pragma warning restore CA2100
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return value is DBNull ? null : value;
        }
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    private static string Checksum(string sql) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
}
