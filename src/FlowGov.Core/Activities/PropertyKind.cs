namespace FlowGov.Core.Activities;

/// <summary>How the designer edits a property and how the engine reads it.</summary>
public enum PropertyKind
{
    Text,
    Number,
    Boolean,
    /// <summary>One of <see cref="PropertyDescriptor.Options"/>.</summary>
    Choice,
    /// <summary>ISO 8601 or working days: <c>P3D</c>, <c>PT72H</c>, <c>3WD</c>.</summary>
    Duration,
    /// <summary>Quartz cron, seconds first.</summary>
    Cron,
    /// <summary>One ES5 expression.</summary>
    Expression,
    /// <summary>ES5 statements; <c>return</c> gives the result.</summary>
    Script,
    /// <summary>A literal JSON value, or <c>{"js": "expression"}</c>.</summary>
    Value,
    /// <summary>A list of strings, or <c>{"js": "expression"}</c> giving one.</summary>
    StringList,
    /// <summary>Role names (<c>grid-worker</c>) offered the task.</summary>
    Roles,
    /// <summary>An org unit id, or <c>{"js": …}</c>.</summary>
    OrgUnit,
    /// <summary>A key of the definition's forms.</summary>
    FormKey,
    /// <summary>A workflow variable name.</summary>
    Variable,
    /// <summary>A workflow definition key (sub-processes).</summary>
    DefinitionKey,
    /// <summary>Switch cases: <c>[{"port": "…", "condition": "…"}]</c>.</summary>
    Cases,
    /// <summary>Any JSON object (mappings, settings).</summary>
    Json,
}
