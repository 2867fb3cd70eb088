using System.Globalization;
using FlowGov.Data;
using FlowGov.Data.Retention;

namespace FlowGov.Cli;

/// <summary><c>flowgov retention run</c>: the retention policies applied once, as the server's hosted service does on its clock.</summary>
internal static class RetentionCommand
{
    public static async Task<int> RunAsync(string dataDirectory, string? connectionString, string[] policyTexts, int batchSize, CancellationToken cancellationToken)
    {
        var policies = new List<RetentionPolicy>();
        foreach (var text in policyTexts)
        {
            if (Parse(text) is not { } policy)
            {
                await Console.Error.WriteLineAsync($"--policy {text}: expected district:days:delete|archive, e.g. lcx:365:archive");
                return 64;
            }

            policies.Add(policy);
        }

        await using var database = new FlowGovDatabase(new FlowGovDataOptions { DataDirectory = dataDirectory, ConnectionString = connectionString, GroupCommit = false });
        await database.MigrateAsync(cancellationToken);
        var report = await new RetentionService(database, TimeProvider.System).RunAsync(new RetentionOptions { Policies = policies, BatchSize = batchSize }, cancellationToken);
        foreach (var d in report.Districts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{d.District}: {d.Action.ToString().ToLowerInvariant()} finished before {d.FinishedBefore:yyyy-MM-dd HH:mm}Z — {d.Deleted} instances in {d.Batches} batches{(d.ArchiveFile is null ? "" : " → " + d.ArchiveFile)}"));
        }

        return 0;
    }

    private static RetentionPolicy? Parse(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3
            && !string.IsNullOrWhiteSpace(parts[0])
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && Enum.TryParse<RetentionAction>(parts[2], ignoreCase: true, out var action)
            ? new RetentionPolicy(parts[0], days, action)
            : null;
    }
}
