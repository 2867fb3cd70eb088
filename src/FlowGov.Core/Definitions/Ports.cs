namespace FlowGov.Core.Definitions;

/// <summary>Port names shared by several activities.</summary>
public static class Ports
{
    public const string Done = "done";
    public const string True = "true";
    public const string False = "false";
    public const string Default = "default";
    public const string Warning = "warning";
    public const string Overdue = "overdue";
}
