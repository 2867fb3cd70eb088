using System.Text.Json;
using FlowGov.Core.Forms;
using FlowGov.Core.Forms.Attachments;

namespace FlowGov.Core.Hosting;

/// <summary>A person's answer to a task: the button pressed, the form values, and what validating them needs.</summary>
public sealed record TaskSubmission
{
    /// <summary>Who submits, as scripts see them; its id is recorded as the actor.</summary>
    public FormUser? User { get; init; }

    /// <summary>The actor id when there is no <see cref="User"/> (system submissions).</summary>
    public string? Actor { get; init; }

    /// <summary>The action button (outcome port); may be omitted when the task has one.</summary>
    public string? Outcome { get; init; }

    public JsonElement? Values { get; init; }

    public CategoryTaxonomy? Taxonomy { get; init; }

    public IFormDirectory? Directory { get; init; }

    public IReadOnlyDictionary<string, AttachmentRecord>? Attachments { get; init; }

    /// <summary>Recorded in the audit log with the submission's commit.</summary>
    public Runtime.AuditNote? Audit { get; init; }
}
