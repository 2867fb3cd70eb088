namespace FlowGov.Data;

/// <summary>A write tried to touch a row of another district than the unit of work's <see cref="DistrictScope"/>.</summary>
public sealed class DistrictScopeViolationException(string message) : InvalidOperationException(message);
