using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowGov.Core.Definitions;

/// <summary>
/// A process definition as designed: a flowchart of activities joined by connections, with its
/// variables, forms and triggers. Immutable once published; drafts are edited as new records.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>English identifier, stable across versions (e.g. <c>grid-event</c>).</summary>
    public required string Key { get; init; }

    /// <summary>Display name, usually Chinese (e.g. 网格事件闭环).</summary>
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>The district that owns it; null for a city-level template.</summary>
    public string? District { get; init; }

    /// <summary>0 for a draft; stamped N on publish.</summary>
    public int Version { get; init; }

    /// <summary>SHA-256 of the canonical content, stamped on publish (see <see cref="DefinitionHasher"/>).</summary>
    public string? ContentHash { get; init; }

    // Collections coalesce null: the source generator sets init-only members it did not find in the
    // JSON to null (bypassing these initializers), and the compiler relies on them being there.
    public IReadOnlyList<VariableDefinition> Variables { get; init => field = value ?? []; } = [];

    public IReadOnlyList<ActivityDefinition> Activities { get; init => field = value ?? []; } = [];

    public IReadOnlyList<ConnectionDefinition> Connections { get; init => field = value ?? []; } = [];

    /// <summary>Form definitions by form key. The form model lives in the forms feature; here it is kept verbatim.</summary>
    public IReadOnlyDictionary<string, JsonElement> Forms { get; init => field = value ?? new Dictionary<string, JsonElement>(); } = new Dictionary<string, JsonElement>();

    public IReadOnlyList<TriggerDefinition> Triggers { get; init => field = value ?? []; } = [];

    /// <summary>Free-form extra data (designer settings, lineage) that the engine carries but never interprets.</summary>
    /// <remarks>
    /// A setter, not <c>init</c>: the source generator binds init-only members like constructor
    /// parameters, and extension data cannot bind that way (InvalidOperationException on first use).
    /// </remarks>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; set; }
}
