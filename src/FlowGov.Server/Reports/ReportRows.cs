namespace FlowGov.Server.Reports;

/// <summary>How many follow-up visits gave each satisfaction rating.</summary>
public sealed record SatisfactionRow(int Rating, int Count);

/// <summary>Instances of a process started and completed on one day (in the configured time zone).</summary>
public sealed record ThroughputRow(string DefinitionKey, DateOnly Day, int Started, int Completed);

/// <summary>An open task past its deadline, with how far the escalation (督办) and nudging (催办) went.</summary>
public sealed record OverdueRow(
    string TaskId,
    string InstanceId,
    string DefinitionKey,
    string ActivityId,
    string Title,
    string? Assignee,
    string? CandidateRoles,
    string? CandidateUnit,
    DateTimeOffset? DueAt,
    double OverdueHours,
    bool Escalated,
    int Escalations,
    int Nudges,
    DateTimeOffset? LastEscalatedAt);

/// <summary>Instances started in the period whose event category starts with a taxonomy code, and how many are still running or done.</summary>
public sealed record CategoryRow(string Category, int Count, int Running, int Completed);
