using FlowGov.Core.Versioning;

namespace FlowGov.Server.Definitions;

/// <summary>
/// What changed from one version (0 = the draft) to another: the semantic diff (docs/versioning.md),
/// its readable <see cref="Text"/>, and the older flat <see cref="Changes"/> list kept for existing clients.
/// </summary>
public sealed record DefinitionDiff(
    string Key,
    int From,
    int To,
    bool Identical,
    IReadOnlyList<DiffEntry> Changes,
    IReadOnlyList<PropertyChange> Definition,
    IReadOnlyList<ActivityChange> Activities,
    IReadOnlyList<ConnectionChange> Connections,
    IReadOnlyList<VariableChange> Variables,
    IReadOnlyList<FormChange> Forms,
    IReadOnlyList<TriggerChange> Triggers,
    string Text)
{
    public static DefinitionDiff Create(string key, int from, int to, DefinitionChanges changes, string fromLabel, string toLabel)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return new DefinitionDiff(key, from, to, changes.Identical, DefinitionDiffer.Flatten(changes), changes.Definition, changes.Activities, changes.Connections,
            changes.Variables, changes.Forms, changes.Triggers, DiffText.Render(changes, fromLabel, toLabel));
    }

    public static string Label(int version) => version == 0 ? "draft" : $"v{version}";
}
