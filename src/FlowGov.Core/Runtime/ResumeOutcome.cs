using FlowGov.Core.Forms;

namespace FlowGov.Core.Runtime;

/// <summary>The typed answer to a resume: never a second transition for a consumed bookmark.</summary>
public sealed record ResumeOutcome(ResumeStatus Status, RunResult? Result = null, string? Message = null)
{
    /// <summary>When a task submission was refused by its form: every field error (path, key, zh/en message).</summary>
    public IReadOnlyList<FormError> FormErrors { get; init; } = [];

    public static ResumeOutcome AlreadyDone(string message) => new(ResumeStatus.AlreadyDone, null, message);

    public static ResumeOutcome NotFound(string message) => new(ResumeStatus.NotFound, null, message);

    public static ResumeOutcome Rejected(string message) => new(ResumeStatus.Rejected, null, message);
}
