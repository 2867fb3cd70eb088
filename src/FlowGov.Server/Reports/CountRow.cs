namespace FlowGov.Server.Reports;

/// <summary>How many instances of a process, started in the period, are in a status.</summary>
public sealed record CountRow(string DefinitionKey, string Status, int Count);
