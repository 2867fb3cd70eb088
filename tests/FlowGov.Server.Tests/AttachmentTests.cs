using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

/// <summary>Uploads for a task's photo field, downloads scoped to the district, and submissions that must refer to uploaded files.</summary>
public sealed class AttachmentTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    private const int PhotoMaxBytes = 4096;

    [Fact]
    public async Task UploadPhoto_RealPng_CreatedAndSubmitAccepted()
    {
        var (worker, taskId) = await StartAsync("attach-ok");
        var png = Png(8, 8);

        var uploaded = await (await UploadAsync(worker, taskId, "photos", png, "scene.png", "image/png")).JsonAsync(HttpStatusCode.Created);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(png)), uploaded.GetProperty("hash").GetString());
        Assert.Equal(png.Length, uploaded.GetProperty("size").GetInt64());
        Assert.Equal("image/png", uploaded.GetProperty("contentType").GetString());
        Assert.Equal("scene.png", uploaded.GetProperty("fileName").GetString());
        var hash = uploaded.GetProperty("hash").GetString();
        await worker.PostAsync($"/api/tasks/{taskId}/submit", new { outcome = "submit", values = new { summary = "井盖缺失", level = "small", photos = new[] { hash } } });
    }

    [Fact]
    public async Task UploadPhoto_TextDeclaredAsPng_Refused()
    {
        var (worker, taskId) = await StartAsync("attach-lie");

        var response = await UploadAsync(worker, taskId, "photos", Encoding.UTF8.GetBytes("not a picture, just text"), "fake.png", "image/png");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity });
        var problem = await response.JsonAsync(response.StatusCode);
        Api.AssertProblem(problem, (int)response.StatusCode);
        Assert.Equal("photos", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("photos", out _), problem.ToString());
    }

    [Fact]
    public async Task UploadPhoto_OverFieldMaxSize_Refused()
    {
        var (worker, taskId) = await StartAsync("attach-big");
        var big = Png(8, 8, padding: PhotoMaxBytes + 1);
        Assert.True(big.Length > PhotoMaxBytes);

        var response = await UploadAsync(worker, taskId, "photos", big, "big.png", "image/png");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnprocessableEntity });
        var problem = await response.JsonAsync(response.StatusCode);
        Assert.Equal("photos", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task UploadPhoto_NotAPhotoField_UnprocessableNamingField()
    {
        var (worker, taskId) = await StartAsync("attach-field");

        var problem = await (await UploadAsync(worker, taskId, "summary", Png(2, 2), "a.png", "image/png")).JsonAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("summary", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task UploadPhoto_UnknownTask_NotFound()
    {
        var worker = await server.ClientAsync("tc-grid01");

        var problem = await (await UploadAsync(worker, "no-such-task", "photos", Png(2, 2), "a.png", "image/png")).JsonAsync(HttpStatusCode.NotFound);

        Api.AssertProblem(problem, 404);
    }

    [Fact]
    public async Task Submit_PhotoNeverUploadedForTask_UnprocessableNamingField()
    {
        var (worker, taskId) = await StartAsync("attach-unknown");
        var (_, otherTaskId) = await StartAsync("attach-unknown-other");
        var elsewhere = await (await UploadAsync(worker, otherTaskId, "photos", Png(3, 3), "other.png", "image/png")).JsonAsync(HttpStatusCode.Created);
        var neverUploaded = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("never uploaded")));

        foreach (var hash in new[] { neverUploaded, elsewhere.GetProperty("hash").GetString()! })
        {
            var problem = await worker.PostAsync($"/api/tasks/{taskId}/submit", new { outcome = "submit", values = new { summary = "x", level = "small", photos = new[] { hash } } }, HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty("photos", out _), problem.ToString());
        }
    }

    [Fact]
    public async Task Download_SameDistrict_BytesEqual()
    {
        var (worker, taskId) = await StartAsync("attach-download");
        var png = Png(5, 4);
        var hash = (await (await UploadAsync(worker, taskId, "photos", png, "d.png", "image/png")).JsonAsync(HttpStatusCode.Created)).GetProperty("hash").GetString();
        var colleague = await server.ClientAsync("tc-supervisor");

        var response = await colleague.GetAsync($"/api/attachments/{hash}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_OtherDistrict_NotFound()
    {
        var (worker, taskId) = await StartAsync("attach-foreign");
        var hash = (await (await UploadAsync(worker, taskId, "photos", Png(6, 6), "f.png", "image/png")).JsonAsync(HttpStatusCode.Created)).GetProperty("hash").GetString();
        var foreigner = await server.ClientAsync("yc-grid01");

        var response = await foreigner.GetAsync($"/api/attachments/{hash}");

        var problem = await response.JsonAsync(HttpStatusCode.NotFound);
        Api.AssertProblem(problem, 404);
        Assert.DoesNotContain("f.png", problem.ToString(), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Worker, string TaskId)> StartAsync(string key)
    {
        var designer = await server.ClientAsync("tc-designer");
        var worker = await server.ClientAsync("tc-grid01");
        var definition = TestDefinitions.GridEvent.Replace(TestDefinitions.GridEventKey, key, StringComparison.Ordinal).Replace(
            """{ "key": "level", "label": "事件等级", "kind": "select", "options": ["small", "big"], "required": true }""",
            $$"""{ "key": "level", "label": "事件等级", "kind": "select", "options": ["small", "big"], "required": true }, { "key": "photos", "label": "现场照片", "kind": "photo", "maxSizeBytes": {{PhotoMaxBytes}} }""",
            StringComparison.Ordinal);
        Assert.Contains("现场照片", definition, StringComparison.Ordinal);
        await Api.PublishAsync(designer, definition);
        var started = await worker.PostAsync("/api/instances", new { definitionKey = key, input = new { gridId = "tc-wc-lcx-g01" } }, HttpStatusCode.Created);
        return (worker, started.GetProperty("openTasks")[0].GetProperty("id").GetString()!);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string taskId, string field, byte[] bytes, string fileName, string contentType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/api/tasks/{taskId}/attachments?field={Uri.EscapeDataString(field)}", form);
    }

    /// <summary>A valid grey PNG of the given size; <paramref name="padding"/> adds an ancillary text chunk to make it bigger.</summary>
    private static byte[] Png(int width, int height, int padding = 0)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        WriteBigEndian(ihdr, 0, (uint)width);
        WriteBigEndian(ihdr, 4, (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // greyscale
        Chunk(png, "IHDR", ihdr);
        if (padding > 0)
        {
            Chunk(png, "tEXt", [.. "Comment\0"u8.ToArray(), .. Enumerable.Repeat((byte)'x', padding)]);
        }

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                z.WriteByte(0); // filter: none
                for (var x = 0; x < width; x++)
                {
                    z.WriteByte((byte)((x + y) * 16));
                }
            }
        }

        Chunk(png, "IDAT", raw.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var header = new byte[8];
        WriteBigEndian(header, 0, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, 0, 4, header, 4);
        png.Write(header);
        png.Write(data);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32([.. header.AsSpan(4), .. data]));
        png.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
