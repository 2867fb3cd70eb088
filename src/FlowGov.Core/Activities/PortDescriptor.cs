namespace FlowGov.Core.Activities;

public sealed record PortDescriptor(string Name, string Label, string LabelEn);
