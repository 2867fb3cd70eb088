using FlowGov.Core.Definitions;

namespace FlowGov.Core.Validation;

/// <summary>
/// The flowchart as a plain graph for the validator's checks: activities by id (first one wins) and
/// the connections whose both ends exist. Works on definitions that do not compile, so graph
/// problems are reported together with property problems.
/// </summary>
internal sealed class DefinitionGraph
{
    private readonly Dictionary<string, HashSet<string>> _reachNoJoin = new(StringComparer.Ordinal);

    public DefinitionGraph(WorkflowDefinition definition)
    {
        foreach (var a in definition.Activities)
        {
            if (!string.IsNullOrWhiteSpace(a.Id))
            {
                Nodes.TryAdd(a.Id, a);
            }
        }

        foreach (var id in Nodes.Keys)
        {
            Out[id] = [];
            In[id] = [];
        }

        for (var i = 0; i < definition.Connections.Count; i++)
        {
            var c = definition.Connections[i];
            if (c.From is null || c.To is null || !Nodes.ContainsKey(c.From) || !Nodes.ContainsKey(c.To))
            {
                continue;
            }

            var e = new GraphEdge(i, c.From, string.IsNullOrEmpty(c.Port) ? Ports.Done : c.Port, c.To);
            Edges.Add(e);
            Out[c.From].Add(e);
            In[c.To].Add(e);
        }

        Starts = [.. Nodes.Values.Where(a => a.Type == "Start").Select(a => a.Id)];
        Reachable = Reach(Starts, _ => true);
    }

    public Dictionary<string, ActivityDefinition> Nodes { get; } = new(StringComparer.Ordinal);

    public List<GraphEdge> Edges { get; } = [];

    public Dictionary<string, List<GraphEdge>> Out { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<GraphEdge>> In { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Starts { get; }

    public HashSet<string> Reachable { get; }

    /// <summary>Every activity reachable from <paramref name="roots"/> (roots included), expanding only nodes that pass <paramref name="expand"/>.</summary>
    public HashSet<string> Reach(IEnumerable<string> roots, Func<string, bool> expand)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var r in roots)
        {
            if (seen.Add(r))
            {
                queue.Enqueue(r);
            }
        }

        while (queue.TryDequeue(out var n))
        {
            if (!expand(n))
            {
                continue;
            }

            foreach (var e in Out[n])
            {
                if (seen.Add(e.To))
                {
                    queue.Enqueue(e.To);
                }
            }
        }

        return seen;
    }

    public bool OnCycle(string id) => Reach(Out[id].Select(e => e.To), _ => true).Contains(id);

    /// <summary>Where a token arriving at <paramref name="id"/> can go before a Join merges it with others.</summary>
    public HashSet<string> ReachBeforeJoin(string id)
    {
        if (!_reachNoJoin.TryGetValue(id, out var set))
        {
            _reachNoJoin[id] = set = Reach([id], n => Nodes[n].Type != "Join");
        }

        return set;
    }

    /// <summary>
    /// For each reachable activity, the (activity, port) connections every path from Start to it
    /// passes through. Classic iterative dominator sets, over ports instead of nodes.
    /// </summary>
    public Dictionary<string, HashSet<(string From, string Port)>> PortDominators()
    {
        var dom = new Dictionary<string, HashSet<(string, string)>?>(StringComparer.Ordinal);
        foreach (var n in Reachable)
        {
            dom[n] = Starts.Contains(n) ? [] : null;
        }

        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var n in Reachable)
            {
                if (Starts.Contains(n))
                {
                    continue;
                }

                HashSet<(string, string)>? acc = null;
                foreach (var e in In[n])
                {
                    if (!dom.TryGetValue(e.From, out var from) || from is null)
                    {
                        continue;
                    }

                    var through = new HashSet<(string, string)>(from) { (e.From, e.Port) };
                    if (acc is null)
                    {
                        acc = through;
                    }
                    else
                    {
                        acc.IntersectWith(through);
                    }
                }

                if (acc is not null && (dom[n] is not { } old || !old.SetEquals(acc)))
                {
                    dom[n] = acc;
                    changed = true;
                }
            }
        }

        return dom.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
    }
}
