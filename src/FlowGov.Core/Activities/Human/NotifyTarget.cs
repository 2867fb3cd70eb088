namespace FlowGov.Core.Activities.Human;

/// <summary>Who a deadline notification goes to: roles (at <see cref="Unit"/>, default the task's unit), users, and/or the assignee.</summary>
internal sealed record NotifyTarget(IReadOnlyList<string> Roles, IReadOnlyList<string> Users, string? Unit, bool Assignee);
