using System.Text.Json;

namespace FlowGov.Core.Runtime;

/// <summary>What a resume carries: who acts, the chosen outcome port (tasks), and data (form values, signal payload, vote).</summary>
public sealed record ResumeInput(string? Actor = null, string? Outcome = null, JsonElement? Data = null)
{
    public static ResumeInput Empty { get; } = new();

    /// <summary>Recorded in the audit log with the advance's commit.</summary>
    public AuditNote? Audit { get; init; }
}
