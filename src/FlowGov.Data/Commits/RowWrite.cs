namespace FlowGov.Data.Commits;

/// <summary>One row an advance writes, with its statement: added to the writer's batch as the provider sends it.</summary>
internal abstract class RowWrite
{
    public abstract void AddTo(StatementBatch batch);
}

/// <summary>
/// A row of <typeparamref name="TRow"/> and its statement; with <c>convert</c> (SQLite) also the
/// values as they will be bound, converted when the write is planned on the caller's thread.
/// </summary>
internal sealed class RowWrite<TRow>(RowStatement<TRow> statement, TRow row, object? expected, bool convert) : RowWrite
    where TRow : class
{
    private readonly object?[]? _values = convert ? statement.ProviderValues(row, expected) : null;

    public override void AddTo(StatementBatch batch) => batch.Add(statement, row, expected, _values);
}

/// <summary>The rows of one advance: the revision guard (null for a new instance, whose insert is the first row) and the rest in write order.</summary>
internal sealed record AdvanceWrites(RowWrite? Guard, IReadOnlyList<RowWrite> Rows);
