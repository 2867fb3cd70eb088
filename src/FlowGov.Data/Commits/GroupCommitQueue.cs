using System.Threading.Channels;
using FlowGov.Core.Persistence;

namespace FlowGov.Data.Commits;

/// <summary>
/// Group commit: concurrent advances queue here and one writer takes everything queued as a batch
/// and writes it in ONE transaction — one fsync (SQLite) or one WAL flush (PostgreSQL) for all of
/// them. Each member is written inside its own savepoint, so each caller still gets its own
/// outcome: a member whose revision guard fails is rolled back to its savepoint and its caller gets
/// <see cref="ConcurrencyConflictException"/> (the engine then reloads and retries it, alone in a
/// later batch); a member that fails for any other reason is retried alone in its own transaction,
/// so it cannot fail the others. The writer never waits for company: a lone caller is written at
/// once, and batches form only while a previous batch is being made durable.
/// </summary>
internal sealed class GroupCommitQueue
{
    private const int MaxBatch = 64;

    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FlowGovDatabase _database;

    public GroupCommitQueue(FlowGovDatabase database)
    {
        _database = database;
        _ = Task.Run(RunAsync);
    }

    /// <summary>Batches written so far and members in them (for the benchmark's report).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public long Members => Interlocked.Read(ref _members);

    private long _batches;
    private long _members;

    public Task CommitAsync(PendingCommit commit)
    {
        if (!_queue.Writer.TryWrite(commit))
        {
            throw new InvalidOperationException("The group-commit queue is closed.");
        }

        return commit.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCommit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
            {
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.CancellationToken);
                    continue;
                }

                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            Interlocked.Increment(ref _batches);
            Interlocked.Add(ref _members, batch.Count);
            try
            {
                if (batch.Count == 1)
                {
                    await CommitAloneAsync(batch[0]).ConfigureAwait(false);
                }
                else
                {
                    await CommitBatchAsync(batch).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // the writer must outlive any one batch; every member is completed below
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var member in batch)
                {
                    member.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task CommitAloneAsync(PendingCommit commit)
    {
        try
        {
            await EfWorkflowStore.WriteAloneAsync(_database, commit, CancellationToken.None).ConfigureAwait(false);
            commit.Done.TrySetResult();
        }
#pragma warning disable CA1031 // handed to the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            commit.Done.TrySetException(ex);
        }
    }

    private async Task CommitBatchAsync(List<PendingCommit> batch)
    {
        var written = new List<PendingCommit>(batch.Count);
        var retryAlone = new List<PendingCommit>();
        var db = _database.CreateContext(DistrictScope.AllDistricts);
        await using (db.ConfigureAwait(false))
        {
            var tx = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            var session = new WriteSession(db, tx);
            await using (tx.ConfigureAwait(false))
            await using (session.ConfigureAwait(false))
            {
                try
                {
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var member = batch[i];
                        var savepoint = "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        await tx.CreateSavepointAsync(savepoint).ConfigureAwait(false);
                        try
                        {
                            await CommitWriter.WriteAsync(session, member, CancellationToken.None).ConfigureAwait(false);
                            await tx.ReleaseSavepointAsync(savepoint).ConfigureAwait(false);
                            written.Add(member);
                        }
#pragma warning disable CA1031 // sorted per member below
                        catch (Exception ex)
#pragma warning restore CA1031
                        {
                            await tx.RollbackToSavepointAsync(savepoint).ConfigureAwait(false);
                            if (ex is ConcurrencyConflictException)
                            {
                                member.Done.TrySetException(ex);
                            }
                            else
                            {
                                retryAlone.Add(member);
                            }
                        }
                    }

                    await tx.CommitAsync().ConfigureAwait(false);
                }
#pragma warning disable CA1031 // the batch's transaction failed as a whole: nothing of it is durable, so every written member is retried alone
                catch (Exception)
#pragma warning restore CA1031
                {
                    retryAlone.AddRange(written);
                    written.Clear();
                }
            }
        }

        foreach (var member in written)
        {
            member.Done.TrySetResult();
        }

        foreach (var member in retryAlone)
        {
            await CommitAloneAsync(member).ConfigureAwait(false);
        }
    }
}
