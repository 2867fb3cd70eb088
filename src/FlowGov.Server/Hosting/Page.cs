namespace FlowGov.Server.Hosting;

/// <summary>One page of a list: the items, the page asked for, and the total count.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
;
