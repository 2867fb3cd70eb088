namespace FlowGov.Core.Runtime;

/// <summary>The typed answer to a resume: never a second transition for a consumed bookmark.</summary>
public sealed record ResumeOutcome(ResumeStatus Status, RunResult? Result = null, string? Message = null)
{
    public static ResumeOutcome AlreadyDone(string message) => new(ResumeStatus.AlreadyDone, null, message);

    public static ResumeOutcome NotFound(string message) => new(ResumeStatus.NotFound, null, message);

    public static ResumeOutcome Rejected(string message) => new(ResumeStatus.Rejected, null, message);
}
