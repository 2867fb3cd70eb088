namespace FlowGov.Server.Reports;

/// <summary>Tasks of one step created in the period: finished or open on time, past their warning point, and overdue.</summary>
public sealed record SlaRow(string DefinitionKey, string ActivityId, int Total, int OnTime, int Warned, int Overdue, int Open);
