namespace FlowGov.Core.Runtime;

public enum HumanTaskStatus
{
    Open,
    Completed,
    Cancelled,
}
