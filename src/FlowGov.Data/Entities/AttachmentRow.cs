namespace FlowGov.Data.Entities;

/// <summary>
/// The metadata of a file uploaded for a task's photo/file field. The bytes live in the
/// content-addressed attachment store under <see cref="Hash"/>; this row is what makes them
/// visible to the district: a file is served only to a district that has a row for its hash.
/// </summary>
public sealed class AttachmentRow : IDistrictOwned
{
    public long Id { get; set; }

    public required string District { get; set; }

    /// <summary>Lower-case SHA-256 hex of the bytes: the value a photo/file field holds.</summary>
    public required string Hash { get; set; }

    public long Size { get; set; }

    /// <summary>The content type sniffed from the bytes.</summary>
    public required string ContentType { get; set; }

    public required string FileName { get; set; }

    public required string UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    public required string InstanceId { get; set; }

    public required string TaskId { get; set; }

    /// <summary>The field path the upload was made for (<c>photos</c>, <c>parties[1].evidence</c>).</summary>
    public required string FieldKey { get; set; }
}
