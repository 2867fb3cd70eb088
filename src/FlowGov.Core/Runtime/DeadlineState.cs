namespace FlowGov.Core.Runtime;

public enum DeadlineState
{
    OnTime,
    Warned,
    Overdue,
}
