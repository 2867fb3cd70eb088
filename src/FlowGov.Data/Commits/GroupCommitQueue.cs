using System.Diagnostics;
using System.Threading.Channels;
using FlowGov.Core.Persistence;

namespace FlowGov.Data.Commits;

/// <summary>
/// Group commit: concurrent advances queue here and one writer takes everything queued as a batch
/// and writes it in ONE transaction — one fsync (SQLite) or one WAL flush (PostgreSQL) for all of
/// them. Each caller still gets its own outcome: a member whose revision guard fails has written
/// nothing (the guard is its first statement), and its caller gets
/// <see cref="ConcurrencyConflictException"/> once the batch is durable (the engine then reloads and
/// retries it); if anything else fails, the whole batch is rolled back and every member is written
/// alone, so one bad member cannot fail the others (ADR 0039: no savepoint per member). Nobody
/// waits for company: a caller that finds no other advance in flight writes its own on its own
/// thread (ADR 0045: the hand-off to the writer and back cost a lone caller up to a tenth of its
/// rate), and batches form only while an earlier advance is being made durable.
/// </summary>
internal sealed class GroupCommitQueue
{
    private const int MaxBatch = 64;

    private readonly Channel<PendingCommit> _queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly FlowGovDatabase _database;
    private readonly Task _writer;

    public GroupCommitQueue(FlowGovDatabase database)
    {
        _database = database;
        _writer = Task.Run(RunAsync);
    }

    /// <summary>Batches written so far and members in them (for the benchmark's report).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    public long Members => Interlocked.Read(ref _members);

    /// <summary>How long the writer has spent writing and committing batches: when it is close to the wall time, the writer is what the callers wait on.</summary>
    public TimeSpan Busy => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _busyTicks));

    private long _batches;
    private long _members;
    private long _busyTicks;

    // Advances accepted and not yet finished, whether written by their caller or queued. A caller
    // that raises it from 0 writes its own; every later one queues until it is back to 0.
    private int _inFlight;
    private volatile bool _closed;

    /// <summary>Advances accepted and not yet finished (for tests that need one to be waiting).</summary>
    internal int InFlight => Volatile.Read(ref _inFlight);

    public Task CommitAsync(PendingCommit commit)
    {
        if (_closed)
        {
            throw new InvalidOperationException("The group-commit queue is closed.");
        }

        if (Interlocked.Increment(ref _inFlight) == 1)
        {
            return CommitOnCallerAsync(commit);
        }

        if (!_queue.Writer.TryWrite(commit))
        {
            Interlocked.Decrement(ref _inFlight);
            throw new InvalidOperationException("The group-commit queue is closed.");
        }

        return commit.Done.Task;
    }

    /// <summary>Refuses new commits and waits until the queued ones are written.</summary>
    public Task CompleteAsync()
    {
        _closed = true;
        _queue.Writer.TryComplete();
        return _writer;
    }

    /// <summary>
    /// A batch of one, written by its caller: the same transaction the writer would make, without the
    /// two thread hand-offs. It takes the writer's turn at <see cref="WriteSessions"/> like any batch,
    /// so advances queued meanwhile wait for it and then go together.
    /// </summary>
    private async Task CommitOnCallerAsync(PendingCommit commit)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await EfWorkflowStore.WriteAloneAsync(_database, commit, commit.CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Increment(ref _batches);
            Interlocked.Increment(ref _members);
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
            Interlocked.Decrement(ref _inFlight);
        }
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
                    Interlocked.Decrement(ref _inFlight);
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
            var started = Stopwatch.GetTimestamp();
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
                    Finish(member, ex);
                }
            }

            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    /// <summary>
    /// Hands a queued member its outcome, once (only the writer completes members). It leaves the
    /// in-flight count first, so its caller's next advance, once alone, is written by the caller.
    /// </summary>
    private void Finish(PendingCommit member, Exception? error = null)
    {
        if (member.Done.Task.IsCompleted)
        {
            return;
        }

        Interlocked.Decrement(ref _inFlight);
        if (error is null)
        {
            member.Done.TrySetResult();
        }
        else
        {
            member.Done.TrySetException(error);
        }
    }

    private async Task CommitAloneAsync(PendingCommit commit)
    {
        try
        {
            await EfWorkflowStore.WriteAloneAsync(_database, commit, CancellationToken.None).ConfigureAwait(false);
            Finish(commit);
        }
#pragma warning disable CA1031 // handed to the caller
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Finish(commit, ex);
        }
    }

    private async Task CommitBatchAsync(List<PendingCommit> batch)
    {
        var written = new List<PendingCommit>(batch.Count);
        var conflicts = new List<(PendingCommit Member, ConcurrencyConflictException Conflict)>();
        var failed = false;
        var write = await _database.WriteSessions.BeginAsync(CancellationToken.None).ConfigureAwait(false);
        await using (write.ConfigureAwait(false))
        {
            try
            {
                foreach (var member in batch)
                {
                    try
                    {
                        await CommitWriter.WriteAsync(write.Session, member, CancellationToken.None).ConfigureAwait(false);
                        written.Add(member);
                    }
                    catch (ConcurrencyConflictException ex)
                    {
                        // The guard is a member's first write and it matched nothing, so nothing of
                        // the member is in the transaction: the others go on.
                        conflicts.Add((member, ex));
                    }
                }

                await write.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // nothing of the batch is durable: every member is retried alone below
            catch (Exception)
#pragma warning restore CA1031
            {
                // A member failed after writing part of its rows, or the commit failed. Rolling back
                // to a savepoint per member would keep the others, but a savepoint makes SQLite copy
                // every page the member touches into the statement journal — the writer's costliest
                // step — to serve a failure that is a bug or a lost disk. So the batch goes, and every
                // member is written alone, where it succeeds or fails by itself. A conflict seen in
                // the failed batch may have been caused by an earlier member now rolled back, so
                // those are retried too rather than reported.
                failed = true;
            }
        }

        if (failed)
        {
            foreach (var member in batch)
            {
                await CommitAloneAsync(member).ConfigureAwait(false);
            }

            return;
        }

        foreach (var (member, conflict) in conflicts)
        {
            Finish(member, conflict);
        }

        foreach (var member in written)
        {
            Finish(member);
        }
    }
}
