using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// The shapes of the list queries the indexes of migration 0008 are built for; the server lists
/// and the query-plan tests both use these, so the plans checked are the plans served.
/// </summary>
public static class ListQueries
{
    /// <summary>A list's total is counted up to this many rows; past it the page says "at least".</summary>
    public const int CountCap = 10_000;

    /// <summary>
    /// Newest first, the id breaking ties between instances created in the same tick, so paging
    /// is stable: a page never repeats or skips a row because an earlier one had an equal time.
    /// Served by (district, created_at) and, for one starter, (district, started_by, created_at).
    /// </summary>
    public static IOrderedQueryable<InstanceRow> NewestFirst(this IQueryable<InstanceRow> instances) =>
        instances.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id);

    /// <summary>
    /// The rows a capped count reads: at most <paramref name="cap"/> + 1, so counting a district of a
    /// million instances costs what counting ten thousand does.
    /// </summary>
    public static IQueryable<T> UpToCap<T>(this IQueryable<T> query, int cap = CountCap) => query.Take(cap + 1);

    /// <summary>The number of rows, counted up to <paramref name="cap"/>; <c>IsLowerBound</c> when there are more.</summary>
    public static async Task<(int Total, bool IsLowerBound)> CountUpToAsync<T>(this IQueryable<T> query, int cap = CountCap, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cap);
        var count = await query.UpToCap(cap).CountAsync(cancellationToken).ConfigureAwait(false);
        return count > cap ? (cap, true) : (count, false);
    }
}
