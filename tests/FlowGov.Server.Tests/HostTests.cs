using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
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
    public async Task OpenApi_Document_ValidUnderTheDefaultRuleSet()
    {
        using var client = server.CreateClient();
        var text = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        var errors = OpenApiErrors(text);

        Assert.True(errors.Count == 0, "OpenAPI errors:\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task OpenApi_BrokenCopy_FailsValidation()
    {
        using var client = server.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        // An operation that answers nothing, and a path that is not a path.
        document["paths"]!["/api/tasks/{id}/submit"]!["post"]!["responses"] = new JsonObject();
        var paths = document["paths"]!.AsObject();
        paths.Add("api/tasks-without-slash", paths.First().Value!.DeepClone());

        var errors = OpenApiErrors(document.ToJsonString());

        Assert.Contains(errors, e => e.Contains("/api/tasks/{id}/submit", StringComparison.Ordinal) || e.Contains("~1api~1tasks~1{id}~1submit", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("api/tasks-without-slash", StringComparison.Ordinal));
    }

    /// <summary>Reader diagnostics plus the default validation rules of Microsoft.OpenApi, each as "pointer: message".</summary>
    private static List<string> OpenApiErrors(string json)
    {
        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");
        var errors = diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}").ToList() ?? [];
        Assert.True(document is not null, "not read as an OpenAPI document: " + string.Join("; ", errors));
        errors.AddRange(document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.Select(e => $"{e.Pointer}: {e.Message}") ?? []);
        return errors;
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
