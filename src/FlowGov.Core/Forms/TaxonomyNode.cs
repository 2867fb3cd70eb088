namespace FlowGov.Core.Forms;

/// <summary>One node of the event taxonomy: a duty (职责), category, sub-category or item (事项).</summary>
public sealed record TaxonomyNode(string Code, string Name, int Level, string? ParentCode, IReadOnlyList<string> Path)
{
    public bool IsItem { get; init; }

    /// <summary>The code of the duty (first level) this node belongs to.</summary>
    public string DutyCode => Path[0];
}
