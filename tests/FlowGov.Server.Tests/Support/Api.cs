using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace FlowGov.Server.Tests.Support;

/// <summary>Small helpers over HttpClient for the JSON API.</summary>
public static class Api
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PostAsync(this HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostAsJsonAsync(url, body)).JsonAsync(expected);

    public static async Task<JsonElement> GetAsync(this HttpClient client, string url, HttpStatusCode expected) =>
        await (await client.GetAsync(url)).JsonAsync(expected);

    /// <summary>Creates, publishes and returns the version of a definition (as the given designer client).</summary>
    public static async Task<int> PublishAsync(HttpClient designer, string definitionJson)
    {
        var definition = JsonDocument.Parse(definitionJson).RootElement;
        var key = definition.GetProperty("key").GetString();
        var saved = await designer.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/definitions/{key}/draft") { Content = JsonContent.Create(new { revision = 0, definition }) });
        var revision = (await saved.JsonAsync(HttpStatusCode.OK)).GetProperty("revision").GetInt64();
        var published = await designer.PostAsync($"/api/definitions/{key}/publish", new { revision, note = "first version" });
        return published.GetProperty("version").GetInt32();
    }

    public static void AssertProblem(JsonElement body, int status)
    {
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
    }
}
