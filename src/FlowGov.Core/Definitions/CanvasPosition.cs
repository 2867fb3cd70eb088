namespace FlowGov.Core.Definitions;

/// <summary>Where the designer draws an activity; the engine ignores it.</summary>
public sealed record CanvasPosition(double X, double Y);
