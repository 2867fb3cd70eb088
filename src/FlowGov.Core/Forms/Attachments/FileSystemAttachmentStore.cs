using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace FlowGov.Core.Forms.Attachments;

/// <summary>
/// Stores attachments under <c>{root}/attachments/ab/cd/&lt;sha256&gt;</c>. An upload is streamed
/// into a temp file in <c>{root}/attachments/.tmp</c> while it is hashed and counted, stopped as
/// soon as it passes the size limit, checked against its declared type, then moved into place
/// with an atomic rename: a reader never sees a half-written file.
/// </summary>
public sealed class FileSystemAttachmentStore : IAttachmentStore
{
    private readonly string _root;
    private readonly string _temp;
    private readonly TimeProvider _time;

    public FileSystemAttachmentStore(string rootDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        _root = Path.Combine(Path.GetFullPath(rootDirectory), "attachments");
        _temp = Path.Combine(_root, ".tmp");
        _time = time ?? TimeProvider.System;
        Directory.CreateDirectory(_temp);
    }

    public async Task<AttachmentSaveResult> SaveAsync(Stream content, AttachmentUpload upload, AttachmentLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(limits);
        var label = upload.FieldLabel ?? upload.FieldKey;
        var declared = ContentTypes.Normalize(upload.DeclaredContentType);
        if (!limits.Accepts(declared))
        {
            return Fail(upload, "attachment.type", ("label", label), ("type", declared));
        }

        var tempPath = Path.Combine(_temp, Path.GetRandomFileName());
        var committed = false;
        try
        {
            long size = 0;
            var head = new byte[ContentTypes.HeaderLength];
            var headLength = 0;
            string hash;
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = ArrayPool<byte>.Shared.Rent(81920);
                try
                {
                    await using var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
                    int read;
                    while ((read = await content.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken)) > 0)
                    {
                        size += read;
                        if (size > limits.MaxSizeBytes)
                        {
                            return Fail(upload, "attachment.tooLarge", ("label", label), ("max", limits.MaxSizeBytes.ToString(CultureInfo.InvariantCulture)));
                        }

                        if (headLength < head.Length)
                        {
                            var n = Math.Min(read, head.Length - headLength);
                            buffer.AsSpan(0, n).CopyTo(head.AsSpan(headLength));
                            headLength += n;
                        }

                        sha.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    }

                    await file.FlushAsync(cancellationToken);
                    file.Flush(flushToDisk: true);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }

                hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            if (size == 0)
            {
                return Fail(upload, "attachment.empty", ("label", label));
            }

            var actual = ContentTypes.SniffHeader(head.AsSpan(0, headLength));
            if (actual == ContentTypes.Zip)
            {
                await using var zip = new FileStream(tempPath, FileMode.Open, FileAccess.Read, FileShare.Read);
                actual = ContentTypes.RefineZip(zip);
            }

            if (actual is null)
            {
                return Fail(upload, "attachment.unrecognized", ("label", label));
            }

            if (actual != declared)
            {
                return Fail(upload, "attachment.typeMismatch", ("label", label), ("actual", actual), ("declared", declared));
            }

            var finalPath = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
            if (!File.Exists(finalPath))
            {
                try
                {
                    File.Move(tempPath, finalPath, overwrite: false);
                    committed = true;
                }
                catch (IOException) when (File.Exists(finalPath))
                {
                    // Another upload of the same bytes won the race; its copy is identical.
                }
            }

            return new AttachmentSaveResult(
                new AttachmentRecord
                {
                    Hash = hash,
                    Size = size,
                    ContentType = actual,
                    FileName = SafeFileName(upload.FileName),
                    UploadedBy = upload.UploadedBy,
                    InstanceId = upload.InstanceId,
                    TaskId = upload.TaskId,
                    FieldKey = upload.FieldKey,
                    UploadedAt = _time.GetUtcNow(),
                },
                null);
        }
        finally
        {
            if (!committed)
            {
                File.Delete(tempPath);
            }
        }
    }

    public bool Exists(string hash) => IsHash(hash) && File.Exists(PathOf(hash));

    public Stream? OpenRead(string hash)
    {
        if (!IsHash(hash))
        {
            return null;
        }

        try
        {
            return new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Where an attachment with this hash lives: <c>attachments/ab/cd/abcd…</c>.</summary>
    public string PathOf(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return Path.Combine(_root, hash[..2], hash[2..4], hash);
    }

    private static bool IsHash(string? hash) => hash is not null && ValueParsers.Sha256Hex().IsMatch(hash);

    private static string SafeFileName(string name)
    {
        var n = Path.GetFileName(name.Replace('\\', '/'));
        n = new string([.. n.Where(c => !char.IsControl(c))]);
        if (n.Length == 0)
        {
            n = "file";
        }

        return n.Length > 255 ? n[..255] : n;
    }

    private static AttachmentSaveResult Fail(AttachmentUpload upload, string key, params ReadOnlySpan<(string Name, string Value)> args) =>
        new(null, FormMessages.Error(upload.FieldKey, key, args));
}
