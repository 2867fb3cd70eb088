namespace FlowGov.Data.Entities;

/// <summary>A row that belongs to one district; the context filters and guards every such row by <see cref="FlowGov.Data.DistrictScope"/>.</summary>
public interface IDistrictOwned
{
    /// <summary>The owning district; <c>""</c> for city-level rows (definition templates).</summary>
    string District { get; }
}
