namespace FlowGov.Core.Activities;

/// <summary>
/// Everything the designer needs to show an activity (palette entry, property panel, ports), so a
/// new activity kind needs no UI code.
/// </summary>
public sealed record ActivityDescriptor(
    string Type,
    string Category,
    string DisplayName,
    string DisplayNameEn,
    string Description,
    IReadOnlyList<PropertyDescriptor> Properties,
    IReadOnlyList<PortDescriptor> Ports)
{
    /// <summary>Ports that also come from properties or forms (Switch cases, form action buttons).</summary>
    public bool DynamicPorts { get; init; }

    /// <summary>Whether the runner may start here (only Start).</summary>
    public bool IsStart { get; init; }
}
