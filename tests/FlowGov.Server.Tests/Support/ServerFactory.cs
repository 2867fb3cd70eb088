using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Server.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FlowGov.Server.Tests.Support;

/// <summary>
/// The real server on a SQLite file in its own temp directory, seeded with the demo districts
/// (桐城市 = tongcheng, 越城区 = yuecheng). Clients authenticate with personal access tokens issued
/// through the API by each district's admin.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _lock = new(1, 1);

    public ServerFactory()
        : this(Directory.CreateTempSubdirectory("flowgov-server-tests-").FullName, ownsDirectory: true)
    {
    }

    private ServerFactory(string root, bool ownsDirectory)
    {
        Root = root;
        OwnsDirectory = ownsDirectory;
        Directory.CreateDirectory(Path.Combine(root, "workflows"));
    }

    public string Root { get; }

    /// <summary>A server on an existing directory (to start twice on the same data).</summary>
    public static ServerFactory At(string root, bool ownsDirectory) => new(root, ownsDirectory);

    private bool OwnsDirectory { get; }

    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("FlowGov:DataDirectory", Path.Combine(Root, "data"));
        builder.UseSetting("FlowGov:WorkflowsDirectory", Path.Combine(Root, "workflows"));
        builder.UseSetting("FlowGov:PrintBanner", "false");
        builder.UseSetting("FlowGov:SchedulerName", "flowgov-test-" + Guid.NewGuid().ToString("N"));
        // The API tests drive no timers; Quartz's shutdown racing the disposed host made class
        // cleanups fail intermittently. Scheduling has its own suite (tests/FlowGov.Scheduling.Tests).
        builder.UseSetting("FlowGov:Scheduling", "false");
        builder.UseSetting("FlowGov:WritePermitsPerMinute", "100000");
        builder.UseSetting("FlowGov:LoginPermitsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (k, v) in Settings)
        {
            builder.UseSetting(k, v);
        }
    }

    /// <summary>A client signed in (cookie) as a demo user, with the antiforgery header set.</summary>
    public async Task<HttpClient> CookieClientAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoData.Password });
        login.EnsureSuccessStatusCode();
        var af = await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
        return client;
    }

    /// <summary>A client with a bearer token for <paramref name="userName"/>, issued by the admin of its district.</summary>
    public async Task<HttpClient> ClientAsync(string userName)
    {
        await _lock.WaitAsync();
        try
        {
            if (_clients.TryGetValue(userName, out var cached))
            {
                return cached;
            }

            var adminName = userName.StartsWith("yc-", StringComparison.Ordinal) ? "yc-admin" : "tc-admin";
            using var admin = await CookieClientAsync(adminName);
            var issued = await admin.PostAsJsonAsync($"/api/users/u-{userName}/tokens", new { name = "tests" });
            issued.EnsureSuccessStatusCode();
            var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            var client = CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            _clients[userName] = client;
            return client;
        }
        finally
        {
            _lock.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var c in _clients.Values)
            {
                c.Dispose();
            }

            _lock.Dispose();
            if (OwnsDirectory)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(Root, recursive: true);
                }
                catch (IOException)
                {
                    // A file still held open by a pooled handle: the temp dir is cleaned by the OS.
                }
            }
        }
    }
}
