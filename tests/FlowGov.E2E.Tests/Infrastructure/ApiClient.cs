using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGov.E2E.Tests.Infrastructure;

/// <summary>The HTTP API as one signed-in user (cookie and antiforgery token), for arranging and checking what the browser did.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;
    private string? _antiforgery;

    private ApiClient(HttpClient http) => _http = http;

    public static async Task<ApiClient> SignInAsync(Uri baseUrl, string userName, string password = E2EFixture.DemoPassword)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true };
        var client = new ApiClient(new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) });
        using var response = await client._http.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { userName, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, "GET " + path);
    }

    public async Task<JsonNode> PostAsync(string path, object? body = null) => await SendAsync(HttpMethod.Post, path, body);

    public async Task<JsonNode> PutAsync(string path, object? body = null) => await SendAsync(HttpMethod.Put, path, body);

    /// <summary>Sends and returns the raw response, for checking error statuses.</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (method != HttpMethod.Get)
        {
            request.Headers.Add("X-XSRF-TOKEN", await AntiforgeryAsync());
            request.Content = JsonContent.Create(body ?? new { });
        }

        return await _http.SendAsync(request);
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body)
    {
        using var response = await SendRawAsync(method, path, body);
        return await ReadAsync(response, $"{method} {path}");
    }

    private async Task<string> AntiforgeryAsync()
    {
        if (_antiforgery is null)
        {
            var node = await GetAsync("/api/auth/antiforgery");
            _antiforgery = node["token"]!.GetValue<string>();
        }

        return _antiforgery;
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public void Dispose() => _http.Dispose();
}
