namespace FlowGov.Server.Tasks;

/// <summary>Badge numbers of the inbox: assigned to me, offered to my roles, delegated by me, and how many of mine are warned or overdue.</summary>
public sealed record InboxCounts(int Assigned, int Candidate, int Delegated, int Warned, int Overdue);
