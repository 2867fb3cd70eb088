namespace FlowGov.Server.Attachments;

/// <summary>A stored upload: the <see cref="Hash"/> is the value to put in the photo/file field when submitting the task.</summary>
public sealed record AttachmentResponse(string Hash, long Size, string ContentType, string FileName);
