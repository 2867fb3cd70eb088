using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// The evaluated state of one field, or of one sub-field in one row of a repeating group
/// (<see cref="Path"/> <c>parties[2].phone</c>). <see cref="Value"/> is the coerced, defaulted or
/// computed value; <see cref="JsonValueKind.Undefined"/> when empty.
/// </summary>
public sealed record FieldState
{
    public required string Path { get; init; }

    public required string Key { get; init; }

    public required FieldKind Kind { get; init; }

    public bool Visible { get; init; } = true;

    public bool Required { get; init; }

    public bool ReadOnly { get; init; }

    public JsonElement Value { get; init; }

    /// <summary>The options in effect (static, from a variable, or from the options script); null for kinds without options.</summary>
    public IReadOnlyList<FieldOption>? Options { get; init; }

    /// <summary>The first problem of the field, if any.</summary>
    public FormError? Error { get; init; }

    /// <summary>For a row sub-field: the row index; null for a top-level field.</summary>
    public int? Row { get; init; }
}
