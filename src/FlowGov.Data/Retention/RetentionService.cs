using System.Globalization;
using System.Text.Json;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Retention;

/// <summary>
/// Applies retention policies: per district, finished instances (Completed or Cancelled) whose
/// completion is older than the policy's days by the clock are deleted — instance, journal, tasks,
/// bookmarks, incidents, outbox and attachment rows — or first archived. Works in batches, each its
/// own transaction, in the district's own scope. Archive = one JSON line per instance appended to
/// <c>&lt;archive directory&gt;/&lt;district&gt;/&lt;yyyy-MM&gt;.jsonl</c> (default under the data directory) and flushed to disk
/// BEFORE the rows are deleted: a crash in between archives the batch again on the next run
/// (at-least-once; a reader keeps the last line per instance id), never loses it. The audit log is
/// append-only and kept.
/// </summary>
public sealed class RetentionService(FlowGovDatabase database, TimeProvider clock)
{
    private static readonly string[] Finished = ["Completed", "Cancelled"];
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RetentionReport> RunAsync(RetentionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reports = new List<RetentionDistrictReport>();
        foreach (var policy in options.Policies)
        {
            reports.Add(await ApplyAsync(policy, options, cancellationToken).ConfigureAwait(false));
        }

        return new RetentionReport(reports);
    }

    private async Task<RetentionDistrictReport> ApplyAsync(RetentionPolicy policy, RetentionOptions options, CancellationToken cancellationToken)
    {
        var batchSize = Math.Max(1, options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(policy.Days);
        var now = clock.GetUtcNow();
        var before = now - TimeSpan.FromDays(policy.Days);
        var scope = DistrictScope.For(policy.District);
        string? file = null;
        var batches = 0;
        var removed = 0;

        // One finished status at a time: "status = s AND completed_at < t ORDER BY completed_at" is
        // one range of the (district, status, completed_at) index; "status IN (…)" would sort.
        foreach (var status in Finished)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var db = database.CreateContext(scope);
                await using (db.ConfigureAwait(false))
                {
                    var ids = await db.Instances.AsNoTracking()
                        .Where(i => i.Status == status && i.CompletedAt < before)
                        .OrderBy(i => i.CompletedAt).ThenBy(i => i.Id)
                        .Select(i => i.Id)
                        .Take(batchSize)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);
                    if (ids.Count == 0)
                    {
                        break;
                    }

                    if (policy.Action == RetentionAction.Archive)
                    {
                        file = await ArchiveAsync(db, ArchivePath(options.ArchiveDirectory ?? Path.Combine(database.Options.DataDirectory, "archive"), policy.District, now), ids, now, cancellationToken).ConfigureAwait(false);
                    }

                    // Read before the write transaction: bookmarks.instance_id has no index (0012), so this
                    // reads the open bookmarks, and doing it here keeps that read out of the write lock
                    // the advances queue on. It normally finds none: a finished instance's waits went
                    // with the advance that finished it, and a finished instance makes no new ones.
                    var bookmarkIds = await db.Bookmarks.AsNoTracking()
                        .Where(b => ids.Contains(b.InstanceId))
                        .Select(b => b.Id)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);

                    var tx = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                    await using (tx.ConfigureAwait(false))
                    {
                        await db.Journal.Where(j => ids.Contains(j.InstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        await db.Tasks.Where(t => ids.Contains(t.InstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        if (bookmarkIds.Count > 0)
                        {
                            await db.Bookmarks.Where(b => bookmarkIds.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        }
                        await db.Incidents.Where(i => ids.Contains(i.InstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        await db.Outbox.Where(o => ids.Contains(o.InstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        await db.Attachments.Where(a => ids.Contains(a.InstanceId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

                        // Re-checked inside the transaction: only rows still finished and old go.
                        removed += await db.Instances.Where(i => ids.Contains(i.Id) && i.Status == status && i.CompletedAt < before)
                            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
                        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
                    }

                    batches++;
                    if (ids.Count < batchSize)
                    {
                        break;
                    }
                }
            }
        }

        var archived = policy.Action == RetentionAction.Archive ? removed : 0;
        return new RetentionDistrictReport(policy.District, policy.Action, before, batches, removed, archived, file);
    }

    private static async Task<string> ArchiveAsync(FlowGovDbContext db, string path, List<string> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var journal = (await db.Journal.AsNoTracking().Where(j => ids.Contains(j.InstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(j => j.InstanceId);
        var tasks = (await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.InstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(t => t.InstanceId);
        var incidents = (await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.InstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(i => i.InstanceId);
        var outbox = (await db.Outbox.AsNoTracking().Where(o => ids.Contains(o.InstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(o => o.InstanceId);
        var attachments = (await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.InstanceId)).ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(a => a.InstanceId);

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using (stream.ConfigureAwait(false))
        {
            var writer = new StreamWriter(stream);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var i in instances)
                {
                    var record = new ArchivedInstance(i, [.. journal[i.Id].OrderBy(j => j.Sequence)], [.. tasks[i.Id]], [.. incidents[i.Id]], [.. outbox[i.Id]], [.. attachments[i.Id]], now);
                    await writer.WriteLineAsync(JsonSerializer.Serialize(record, Json).AsMemory(), cancellationToken).ConfigureAwait(false);
                }

                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true); // durable before the rows go
            }
        }

        return path;
    }

    /// <summary>Where archived instances of a district go: one file per district and month of archiving.</summary>
    public static string ArchivePath(string archiveDirectory, string district, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(district);
        var safe = string.Concat(district.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        return Path.GetFullPath(Path.Combine(archiveDirectory, safe, at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ".jsonl"));
    }
}

/// <summary>One line of an archive file: the instance row (with its state JSON) and every row that belonged to it.</summary>
public sealed record ArchivedInstance(
    InstanceRow Instance,
    IReadOnlyList<JournalRow> Journal,
    IReadOnlyList<TaskRow> Tasks,
    IReadOnlyList<IncidentRow> Incidents,
    IReadOnlyList<OutboxRow> Outbox,
    IReadOnlyList<AttachmentRow> Attachments,
    DateTimeOffset ArchivedAt);
