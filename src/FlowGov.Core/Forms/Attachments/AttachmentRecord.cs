namespace FlowGov.Core.Forms.Attachments;

/// <summary>
/// The metadata of a stored attachment, returned by <see cref="IAttachmentStore.SaveAsync"/> for the
/// caller to persist. <see cref="Hash"/> (lower-case SHA-256 hex) is the value a photo/file field holds.
/// </summary>
public sealed record AttachmentRecord
{
    public required string Hash { get; init; }

    public required long Size { get; init; }

    /// <summary>The content type sniffed from the bytes (which matched the declared one).</summary>
    public required string ContentType { get; init; }

    public required string FileName { get; init; }

    public string? UploadedBy { get; init; }

    public string? InstanceId { get; init; }

    public string? TaskId { get; init; }

    /// <summary>The field path the upload was made for, e.g. <c>photos</c> or <c>parties[1].evidence</c>.</summary>
    public string? FieldKey { get; init; }

    public DateTimeOffset UploadedAt { get; init; }
}
