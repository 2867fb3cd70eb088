using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

public sealed class HostTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task OpenApi_Document_ServedAndParses()
    {
        using var client = server.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var doc = JsonDocument.Parse(text);
        var paths = doc.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/tasks/{id}/submit", out _));
        Assert.True(paths.TryGetProperty("/api/definitions/{key}/publish", out _));
        Assert.True(paths.EnumerateObject().Count() > 30);
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer()
    {
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        // Start-up work runs after the server listens; readiness follows it.
        await server.Services.GetRequiredService<FlowGov.Server.Hosting.StartupState>().WhenReady;
        var ready = await (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal("Healthy", ready.GetProperty("checks").GetProperty("store").GetProperty("status").GetString());
    }
}
