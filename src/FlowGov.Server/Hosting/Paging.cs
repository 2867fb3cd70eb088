namespace FlowGov.Server.Hosting;

/// <summary>Page numbers start at 1; page sizes default to 50 and are capped at <see cref="MaxPageSize"/>.</summary>
public static class Paging
{
    public const int MaxPageSize = 200;

    public static (int Page, int Size) Normalize(int? page, int? size) =>
        (Math.Max(1, page ?? 1), Math.Clamp(size ?? 50, 1, MaxPageSize));
}
