namespace FlowGov.Data;

/// <summary>Lists in one text column as <c>,a,b,</c>: "contains r" is <c>LIKE '%,r,%'</c> on every provider.</summary>
public static class Lists
{
    public static string Join(IReadOnlyList<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count == 0 ? "" : string.Concat(",", string.Join(',', items), ",");
    }

    public static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The pattern that finds <paramref name="item"/> in a joined column.</summary>
    public static string ContainsPattern(string item) => string.Concat("%,", item, ",%");
}
