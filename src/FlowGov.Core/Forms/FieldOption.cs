namespace FlowGov.Core.Forms;

/// <summary>One choice of a select, radio, checkboxes or multiselect field.</summary>
public sealed record FieldOption(string Value, string Label);
