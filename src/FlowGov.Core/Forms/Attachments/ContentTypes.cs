using System.IO.Compression;

namespace FlowGov.Core.Forms.Attachments;

/// <summary>
/// Recognises a file's type from its first bytes (magic numbers): JPEG, PNG, GIF, WebP, HEIC, PDF
/// and the Office Open XML zips (docx, xlsx, pptx). Declared types are normalised
/// (<c>image/jpg</c> → <c>image/jpeg</c>, parameters dropped).
/// </summary>
public static class ContentTypes
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Gif = "image/gif";
    public const string WebP = "image/webp";
    public const string Heic = "image/heic";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
    public const string Zip = "application/zip";

    /// <summary>How many leading bytes <see cref="SniffHeader"/> looks at.</summary>
    public const int HeaderLength = 16;

    public static IReadOnlyList<string> Recognised { get; } = [Jpeg, Png, Gif, WebP, Heic, Pdf, Docx, Xlsx, Pptx, Zip];

    private static readonly HashSet<string> HeicBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "heif"];

    public static string Normalize(string declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        var semi = declared.IndexOf(';', StringComparison.Ordinal);
        var t = (semi >= 0 ? declared[..semi] : declared).Trim().ToLowerInvariant();
        return t switch
        {
            "image/jpg" or "image/pjpeg" => Jpeg,
            "image/heif" or "image/heic-sequence" or "image/heif-sequence" => Heic,
            "application/x-zip-compressed" => Zip,
            _ => t,
        };
    }

    /// <summary>The type the first bytes show, or null. A zip is reported as <see cref="Zip"/>; see <see cref="RefineZip"/>.</summary>
    public static string? SniffHeader(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8)
            && HeicBrands.Contains(System.Text.Encoding.ASCII.GetString(head.Slice(8, 4))))
        {
            return Heic;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return Zip;
        }

        return null;
    }

    /// <summary>Looks inside a zip for the Office Open XML parts: docx, xlsx, pptx, or a plain zip.</summary>
    public static string RefineZip(Stream zip)
    {
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var hasContentTypes = false;
            string? kind = null;
            foreach (var e in archive.Entries)
            {
                if (e.FullName == "[Content_Types].xml")
                {
                    hasContentTypes = true;
                }
                else if (e.FullName.StartsWith("word/", StringComparison.Ordinal))
                {
                    kind ??= Docx;
                }
                else if (e.FullName.StartsWith("xl/", StringComparison.Ordinal))
                {
                    kind ??= Xlsx;
                }
                else if (e.FullName.StartsWith("ppt/", StringComparison.Ordinal))
                {
                    kind ??= Pptx;
                }
            }

            return hasContentTypes && kind is not null ? kind : Zip;
        }
        catch (InvalidDataException)
        {
            return Zip;
        }
    }
}
