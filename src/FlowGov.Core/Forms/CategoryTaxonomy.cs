using System.Text.Json;

namespace FlowGov.Core.Forms;

/// <summary>
/// The district's event taxonomy, duty → category → sub-category → item (e.g. 6 duties, 26
/// categories, 85 sub-categories, 146 items). A category field's value is the code of an item (a
/// leaf). JSON: an array of <c>{code, name, children: [...]}</c>. Codes are unique across levels.
/// </summary>
public sealed class CategoryTaxonomy
{
    private readonly Dictionary<string, TaxonomyNode> _nodes;

    private CategoryTaxonomy(Dictionary<string, TaxonomyNode> nodes) => _nodes = nodes;

    public int Count => _nodes.Count;

    public IEnumerable<TaxonomyNode> Items => _nodes.Values.Where(n => n.IsItem);

    public static CategoryTaxonomy Parse(JsonElement json)
    {
        var nodes = new Dictionary<string, TaxonomyNode>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("a taxonomy is a JSON array of {code, name, children}");
        }

        Add(json, null, [], nodes);
        return new CategoryTaxonomy(nodes);
    }

    public TaxonomyNode? Find(string code) => _nodes.GetValueOrDefault(code);

    private static void Add(JsonElement array, string? parent, List<string> path, Dictionary<string, TaxonomyNode> nodes)
    {
        foreach (var n in array.EnumerateArray())
        {
            var code = n.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : throw new FormatException("every taxonomy node needs a string code");
            var name = n.TryGetProperty("name", out var nm) && nm.ValueKind == JsonValueKind.String ? nm.GetString()! : code;
            var hasChildren = n.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array && children.GetArrayLength() > 0;
            List<string> nodePath = [.. path, code];
            if (!nodes.TryAdd(code, new TaxonomyNode(code, name, nodePath.Count, parent, nodePath) { IsItem = !hasChildren }))
            {
                throw new FormatException($"duplicate taxonomy code '{code}'");
            }

            if (hasChildren)
            {
                Add(children, code, nodePath, nodes);
            }
        }
    }
}
