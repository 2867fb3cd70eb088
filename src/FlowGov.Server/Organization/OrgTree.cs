using FlowGov.Data.Entities;

namespace FlowGov.Server.Organization;

/// <summary>A district's org units as a tree: parents, children, subtrees.</summary>
public sealed class OrgTree
{
    private readonly Dictionary<string, OrgUnitRow> _units;
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);

    public OrgTree(IEnumerable<OrgUnitRow> units)
    {
        _units = units.ToDictionary(u => u.Id, StringComparer.Ordinal);
        foreach (var u in _units.Values)
        {
            if (u.ParentId is { } p)
            {
                if (!_children.TryGetValue(p, out var list))
                {
                    _children[p] = list = [];
                }

                list.Add(u.Id);
            }
        }
    }

    public IReadOnlyCollection<OrgUnitRow> Units => _units.Values;

    public bool Contains(string id) => _units.ContainsKey(id);

    public OrgUnitRow? Find(string id) => _units.GetValueOrDefault(id);

    public IReadOnlyList<string> Children(string id) => _children.TryGetValue(id, out var c) ? c : [];

    /// <summary>The unit and every unit below it.</summary>
    public HashSet<string> Subtree(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(id);
        while (stack.Count > 0)
        {
            var u = stack.Pop();
            if (seen.Add(u))
            {
                foreach (var c in Children(u))
                {
                    stack.Push(c);
                }
            }
        }

        return seen;
    }

    /// <summary>The unit and its ancestors up to the root.</summary>
    public IEnumerable<string> SelfAndAncestors(string id)
    {
        var guard = 0;
        for (var u = Find(id); u is not null && guard++ < 64; u = u.ParentId is { } p ? Find(p) : null)
        {
            yield return u.Id;
        }
    }
}
