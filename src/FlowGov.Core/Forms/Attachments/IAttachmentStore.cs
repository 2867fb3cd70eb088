namespace FlowGov.Core.Forms.Attachments;

/// <summary>Content-addressed storage for form attachments (photos, files): the SHA-256 of the bytes is the id.</summary>
public interface IAttachmentStore
{
    /// <summary>
    /// Stores <paramref name="content"/> if it is within <paramref name="limits"/> and its bytes are what
    /// <see cref="AttachmentUpload.DeclaredContentType"/> says; nothing is half-written. Storing the
    /// same bytes twice keeps one copy.
    /// </summary>
    Task<AttachmentSaveResult> SaveAsync(Stream content, AttachmentUpload upload, AttachmentLimits limits, CancellationToken cancellationToken = default);

    bool Exists(string hash);

    /// <summary>Opens a stored attachment for reading, or null when there is none.</summary>
    Stream? OpenRead(string hash);
}
