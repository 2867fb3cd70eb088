using System.Text.Json;

namespace FlowGov.Server.Reports;

/// <summary>
/// An instance's event category: its <c>category</c> variable, a dotted taxonomy code
/// (<c>city.roads.paving.loose-paving</c>) that the grid-event process sets from the report form.
/// </summary>
public static class InstanceCategory
{
    public static string? Of(string stateJson)
    {
        using var state = JsonDocument.Parse(stateJson);
        return state.RootElement.TryGetProperty("variables", out var vars) && vars.ValueKind == JsonValueKind.Object
            && vars.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.String
            && category.GetString() is { Length: > 0 } code
                ? code
                : null;
    }

    /// <summary>True when <paramref name="code"/> is <paramref name="filter"/> or lies below it (<c>city</c> matches <c>city.roads.x</c>).</summary>
    public static bool IsWithin(string? code, string filter) =>
        code is not null && (code == filter || code.StartsWith(filter + ".", StringComparison.Ordinal));
}
