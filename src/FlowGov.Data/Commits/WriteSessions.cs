namespace FlowGov.Data.Commits;

/// <summary>
/// Where advances get their write transaction. SQLite lets one connection write at a time anyway,
/// so it has ONE writer session, kept open with its statements prepared, that callers take in turn
/// (a gate instead of SQLite's busy-wait on the file lock); PostgreSQL writers run in parallel on
/// their own rows, so each transaction there opens a session of its own (ADR 0040).
/// </summary>
internal sealed class WriteSessions(FlowGovDatabase database) : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate = database.Provider == StoreProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;
    private WriteSession? _writer;
    private bool _disposed;

    /// <summary>A session with a transaction begun; disposing the lease without committing rolls it back.</summary>
    public async Task<WriteLease> BeginAsync(CancellationToken cancellationToken)
    {
        if (_gate is null)
        {
            var own = await WriteSession.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            try
            {
                await own.BeginAsync(cancellationToken).ConfigureAwait(false);
                return new WriteLease(this, own);
            }
            catch
            {
                await own.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= await WriteSession.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            await _writer.BeginAsync(cancellationToken).ConfigureAwait(false);
            return new WriteLease(this, _writer);
        }
        catch
        {
            await DiscardWriterAsync().ConfigureAwait(false);
            _gate.Release();
            throw;
        }
    }

    /// <summary>
    /// SQLite: runs <paramref name="read"/> on the writer's connection if no transaction holds it
    /// now, and answers whether it did. That connection made the last commit, so its page cache is
    /// still valid, where a read session's was dropped by that commit (ADR 0045). A read never waits
    /// for the writer: if the writer is taken, the caller reads elsewhere.
    /// </summary>
    public async Task<(bool Read, T Value)> TryReadAsync<T>(Func<ReadSession, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_gate is null || !_gate.Wait(0, CancellationToken.None))
        {
            return (false, default!);
        }

        var healthy = false;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _writer ??= await WriteSession.OpenAsync(database, cancellationToken).ConfigureAwait(false);
            var value = await read(_writer.Reads).ConfigureAwait(false);
            healthy = true;
            return (true, value);
        }
        finally
        {
            // As with a read session: a read that failed mid-step may leave a statement open, so the
            // connection goes and the next writer opens another.
            if (!healthy)
            {
                await DiscardWriterAsync().ConfigureAwait(false);
            }

            _gate.Release();
        }
    }

    internal async ValueTask EndAsync(WriteSession session, bool healthy)
    {
        if (_gate is null)
        {
            await session.DisposeAsync().ConfigureAwait(false);
            return;
        }

        try
        {
            if (healthy)
            {
                await session.RollbackAsync().ConfigureAwait(false); // a no-op after a commit
            }
            else
            {
                // A failed COMMIT or rollback may leave the connection in a state nobody should build
                // on: the next caller gets a new one (closing this one rolls back whatever is left).
                await DiscardWriterAsync().ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // the rollback failed: the connection goes, the caller already has its outcome
        catch (Exception)
#pragma warning restore CA1031
        {
            await DiscardWriterAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task DiscardWriterAsync()
    {
        if (_writer is not { } writer)
        {
            return;
        }

        _writer = null;
        try
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // closing a broken connection may fail too; it is dropped either way
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_gate is null)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await DiscardWriterAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>One write transaction on a <see cref="WriteSession"/>, held until disposed.</summary>
internal sealed class WriteLease(WriteSessions owner, WriteSession session) : IAsyncDisposable
{
    private bool _healthy = true;

    public WriteSession Session => session;

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _healthy = false;
            throw;
        }
    }

    public ValueTask DisposeAsync() => owner.EndAsync(session, _healthy);
}
