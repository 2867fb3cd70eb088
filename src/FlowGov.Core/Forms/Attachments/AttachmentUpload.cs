namespace FlowGov.Core.Forms.Attachments;

/// <summary>What the client says about an upload: file name, declared content type, and where it belongs.</summary>
public sealed record AttachmentUpload
{
    public required string FileName { get; init; }

    public required string DeclaredContentType { get; init; }

    /// <summary>The field path, used in errors (<c>photos</c>).</summary>
    public required string FieldKey { get; init; }

    /// <summary>The field label for messages; the field path when absent.</summary>
    public string? FieldLabel { get; init; }

    public string? UploadedBy { get; init; }

    public string? InstanceId { get; init; }

    public string? TaskId { get; init; }
}
