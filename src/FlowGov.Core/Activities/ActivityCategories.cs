namespace FlowGov.Core.Activities;

/// <summary>The designer's palette groups: 流程 flow, 人工 human, 时间 time, 数据 data.</summary>
public static class ActivityCategories
{
    public const string Flow = "flow";
    public const string Human = "human";
    public const string Time = "time";
    public const string Data = "data";
}
