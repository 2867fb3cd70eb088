using System.IO.Compression;
using System.Security.Cryptography;
using FlowGov.Core.Forms;
using FlowGov.Core.Forms.Attachments;

namespace FlowGov.Core.Tests.Forms;

public sealed class FileSystemAttachmentStoreTests : IDisposable
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3, 4, 5, 6, 7];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 1, 2, 3];
    private static readonly byte[] Gif = [.. "GIF89a"u8, 1, 0, 1, 0];
    private static readonly byte[] WebP = [.. "RIFF"u8, 36, 0, 0, 0, .. "WEBPVP8 "u8, 1, 2];
    private static readonly byte[] Heic = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n%\u00e2\u00e3"u8, 1, 2, 3];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flowgov-att-" + Path.GetRandomFileName());
    private readonly FileSystemAttachmentStore _store;

    public FileSystemAttachmentStoreTests() => _store = new FileSystemAttachmentStore(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static AttachmentUpload Upload(string type, string name = "现场.jpg") => new()
    {
        FileName = name,
        DeclaredContentType = type,
        FieldKey = "photos",
        FieldLabel = "现场照片",
        UploadedBy = "u-1",
        InstanceId = "i-1",
        TaskId = "t-1",
    };

    public static TheoryData<string, byte[]> Recognised => new()
    {
        { "image/jpeg", Jpeg },
        { "image/png", Png },
        { "image/gif", Gif },
        { "image/webp", WebP },
        { "image/heic", Heic },
        { "application/pdf", Pdf },
        { ContentTypes.Docx, OfficeZip("word/document.xml") },
        { ContentTypes.Xlsx, OfficeZip("xl/workbook.xml") },
        { ContentTypes.Pptx, OfficeZip("ppt/presentation.xml") },
    };

    [Theory]
    [MemberData(nameof(Recognised))]
    public async Task SaveAsync_TruthfulUpload_StoresContentAddressedCopy(string type, byte[] bytes)
    {
        var result = await _store.SaveAsync(new MemoryStream(bytes), Upload(type), AttachmentLimits.File);

        Assert.True(result.Ok, result.Error?.ToString());
        var record = result.Record!;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal((hash, (long)bytes.Length, type), (record.Hash, record.Size, record.ContentType));
        Assert.Equal(Path.Combine(_root, "attachments", hash[..2], hash[2..4], hash), _store.PathOf(hash));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(_store.PathOf(hash)));
        Assert.True(_store.Exists(hash));
        Assert.Equal(("u-1", "i-1", "t-1", "photos"), (record.UploadedBy, record.InstanceId, record.TaskId, record.FieldKey));
    }

    [Fact]
    public async Task SaveAsync_SameBytesTwice_KeepsOneCopy()
    {
        var first = await _store.SaveAsync(new MemoryStream(Jpeg), Upload("image/jpeg"), AttachmentLimits.Photo);
        var second = await _store.SaveAsync(new MemoryStream(Jpeg), Upload("image/jpg", "again.jpg"), AttachmentLimits.Photo);

        Assert.Equal(first.Record!.Hash, second.Record!.Hash);
        Assert.Equal("again.jpg", second.Record.FileName);
        Assert.Single(Directory.GetFiles(Path.Combine(_root, "attachments"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("image/gif")]
    [InlineData("application/pdf")]
    public async Task SaveAsync_DeclaredTypeLies_IsRefusedNamingTheField(string declared)
    {
        var result = await _store.SaveAsync(new MemoryStream(Jpeg), Upload(declared), AttachmentLimits.File);

        Assert.False(result.Ok);
        Assert.Equal(("photos", "attachment.typeMismatch"), (result.Error!.Path, result.Error.Key));
        Assert.Contains("现场照片", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("image/jpeg", result.Error.MessageEn, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Fact]
    public async Task SaveAsync_PdfDeclaredAsPhoto_IsRefusedByMagicBytes()
    {
        var result = await _store.SaveAsync(new MemoryStream(Pdf), Upload("image/jpeg"), AttachmentLimits.Photo);

        Assert.Equal("attachment.typeMismatch", result.Error?.Key);
        AssertNothingStored();
    }

    [Fact]
    public async Task SaveAsync_PdfIntoPhotoField_IsRefusedByAcceptList()
    {
        var result = await _store.SaveAsync(new MemoryStream(Pdf), Upload("application/pdf"), AttachmentLimits.Photo);

        Assert.Equal("attachment.type", result.Error?.Key);
        AssertNothingStored();
    }

    [Fact]
    public async Task SaveAsync_ZipWithoutOfficeParts_IsNotADocx()
    {
        var result = await _store.SaveAsync(new MemoryStream(OfficeZip("evil/payload.exe", contentTypes: false)), Upload(ContentTypes.Docx, "a.docx"), AttachmentLimits.File);

        Assert.Equal("attachment.typeMismatch", result.Error?.Key);
    }

    [Fact]
    public async Task SaveAsync_UnknownBytes_AreRefused()
    {
        var result = await _store.SaveAsync(new MemoryStream("MZ\u0090\0 executable"u8.ToArray()), Upload("application/pdf"), AttachmentLimits.File);

        Assert.Equal("attachment.unrecognized", result.Error?.Key);
        AssertNothingStored();
    }

    [Fact]
    public async Task SaveAsync_OverTheLimit_IsRefusedWithoutKeepingAnything()
    {
        var big = new byte[5000];
        Jpeg.CopyTo(big, 0);
        var limits = new AttachmentLimits(4096, AttachmentLimits.ImageTypes);

        var result = await _store.SaveAsync(new MemoryStream(big), Upload("image/jpeg"), limits);

        Assert.Equal(("photos", "attachment.tooLarge"), (result.Error!.Path, result.Error.Key));
        Assert.Contains("4096", result.Error.Message, StringComparison.Ordinal);
        AssertNothingStored();
    }

    [Fact]
    public async Task SaveAsync_EmptyUpload_IsRefused()
    {
        var result = await _store.SaveAsync(new MemoryStream(), Upload("image/jpeg"), AttachmentLimits.Photo);

        Assert.Equal("attachment.empty", result.Error?.Key);
    }

    [Fact]
    public async Task SaveAsync_FileNameWithPath_KeepsOnlyTheName()
    {
        var result = await _store.SaveAsync(new MemoryStream(Png), Upload("image/png", "../../etc/passwd/图.png"), AttachmentLimits.Photo);

        Assert.Equal("图.png", result.Record!.FileName);
    }

    [Fact]
    public void AttachmentLimits_ForField_UsesFieldLimitsOrKindDefaults()
    {
        var photo = AttachmentLimits.For(new FieldDefinition { Key = "p", Kind = FieldKind.Photo, Accept = ["image/png", "application/pdf"] });
        var file = AttachmentLimits.For(new FieldDefinition { Key = "f", Kind = FieldKind.File, MaxSizeBytes = 1000, Accept = ["image/*"] });

        Assert.Equal(10 * 1024 * 1024, photo.MaxSizeBytes);
        Assert.True(photo.Accepts("image/png"));
        Assert.False(photo.Accepts("application/pdf"));
        Assert.Equal(1000, file.MaxSizeBytes);
        Assert.True(file.Accepts("image/webp"));
        Assert.False(file.Accepts("application/pdf"));
    }

    [Fact]
    public void OpenRead_UnknownOrMalformedHash_ReturnsNull()
    {
        Assert.Null(_store.OpenRead(new string('a', 64)));
        Assert.Null(_store.OpenRead("../../secret"));
        Assert.False(_store.Exists("../../secret"));
    }

    private void AssertNothingStored()
    {
        var files = Directory.GetFiles(Path.Combine(_root, "attachments"), "*", SearchOption.AllDirectories);
        Assert.Empty(files);
    }

    private static byte[] OfficeZip(string part, bool contentTypes = true)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (contentTypes)
            {
                using var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open());
                w.Write("<Types/>");
            }

            using var p = new StreamWriter(zip.CreateEntry(part).Open());
            p.Write("<x/>");
        }

        return ms.ToArray();
    }
}
