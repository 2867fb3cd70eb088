namespace FlowGov.Core.Forms.Attachments;

/// <summary>
/// Per-field upload limits: the largest size and the accepted content types (exact types or
/// <c>image/*</c>). Photos default to image types up to 10 MB; files to every type the store
/// recognises up to 20 MB.
/// </summary>
public sealed record AttachmentLimits(long MaxSizeBytes, IReadOnlyList<string> Accept)
{
    public const long DefaultPhotoMaxBytes = 10 * 1024 * 1024;

    public const long DefaultFileMaxBytes = 20 * 1024 * 1024;

    public const int DefaultPhotoMaxCount = 9;

    public const int DefaultFileMaxCount = 10;

    public static IReadOnlyList<string> ImageTypes { get; } = [ContentTypes.Jpeg, ContentTypes.Png, ContentTypes.Gif, ContentTypes.WebP, ContentTypes.Heic];

    public static AttachmentLimits Photo { get; } = new(DefaultPhotoMaxBytes, ImageTypes);

    public static AttachmentLimits File { get; } = new(DefaultFileMaxBytes, ContentTypes.Recognised);

    /// <summary>The limits of a photo or file field: its own maxSizeBytes/accept, or the defaults of its kind.</summary>
    public static AttachmentLimits For(FieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var defaults = field.Kind == FieldKind.Photo ? Photo : File;
        var accept = field.Accept ?? defaults.Accept;
        if (field.Kind == FieldKind.Photo)
        {
            // A photo field stays an image field whatever its accept list says.
            accept = [.. accept.Where(a => a.StartsWith("image/", StringComparison.Ordinal))];
        }

        return new AttachmentLimits(field.MaxSizeBytes ?? defaults.MaxSizeBytes, accept);
    }

    public bool Accepts(string contentType)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        foreach (var a in Accept)
        {
            if (a == contentType || a == "*/*"
                || (a.EndsWith("/*", StringComparison.Ordinal) && contentType.StartsWith(a.AsSpan(0, a.Length - 1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
