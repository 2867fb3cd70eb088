namespace FlowGov.Server.Hosting;

/// <summary>One page of a list: the items, the page asked for, and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    /// <summary>
    /// True when the list was counted only up to a cap (<see cref="Data.ListQueries.CountCap"/>) and
    /// holds more rows than <see cref="Total"/>: show "10000+" and page on without a last page.
    /// </summary>
    public bool TotalIsLowerBound { get; init; }
}
