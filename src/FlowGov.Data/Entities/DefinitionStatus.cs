namespace FlowGov.Data.Entities;

/// <summary>A definition row is a draft (editable, version 0), published (immutable) or retired (no new starts).</summary>
public enum DefinitionStatus
{
    Draft,
    Published,
    Retired,
}
