namespace FlowGov.Core.Forms.Attachments;

/// <summary>The outcome of an upload: the stored attachment's metadata, or the error (naming the field) that refused it.</summary>
public sealed record AttachmentSaveResult(AttachmentRecord? Record, FormError? Error)
{
    public bool Ok => Record is not null;
}
