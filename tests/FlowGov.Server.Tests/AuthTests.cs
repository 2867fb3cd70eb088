using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FlowGov.Server.Seeding;
using FlowGov.Server.Tests.Support;

namespace FlowGov.Server.Tests;

public sealed class AuthTests(ServerFactory server) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Api_Anonymous_UnauthorizedProblem()
    {
        using var client = server.CreateClient();
        var problem = await (await client.GetAsync(new Uri("/api/instances", UriKind.Relative))).JsonAsync(HttpStatusCode.Unauthorized);
        Api.AssertProblem(problem, 401);
    }

    [Fact]
    public async Task Login_RepeatedFailures_LocksTheAccount()
    {
        using var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "tc-owners", password = "wrong-password" })).JsonAsync(i < 4 ? HttpStatusCode.Unauthorized : HttpStatusCode.Locked);
        }

        var locked = await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "tc-owners", password = DemoData.Password })).JsonAsync(HttpStatusCode.Locked);
        Assert.True(locked.TryGetProperty("lockedUntil", out _));
    }

    [Fact]
    public async Task CookieWrite_WithoutAntiforgeryToken_Refused()
    {
        using var client = server.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "tc-secretary", password = DemoData.Password })).JsonAsync(HttpStatusCode.OK);
        var problem = await (await client.PostAsJsonAsync("/api/signals", new { signal = "s", correlation = "c" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("X-XSRF-TOKEN", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("community-secretary", me.GetProperty("roles")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Token_Revoked_NoLongerAuthenticates()
    {
        using var admin = await server.CookieClientAsync("tc-admin");
        var issued = await admin.PostAsync("/api/users/u-tc-building/tokens", new { name = "script" }, HttpStatusCode.Created);
        using var script = server.CreateClient();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.GetProperty("token").GetString());
        await (await script.GetAsync(new Uri("/api/tasks/counts", UriKind.Relative))).JsonAsync(HttpStatusCode.OK);

        using var revoke = await admin.DeleteAsync(new Uri($"/api/users/u-tc-building/tokens/{issued.GetProperty("id").GetString()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await (await script.GetAsync(new Uri("/api/tasks/counts", UriKind.Relative))).JsonAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Endpoint_RoleMissing_Forbidden()
    {
        var viewer = await server.ClientAsync("tc-viewer");
        await viewer.PostAsync("/api/instances", new { definitionKey = "x" }, HttpStatusCode.Forbidden);
        await viewer.GetAsync("/api/users", HttpStatusCode.Forbidden);
        await viewer.GetAsync("/api/reports/counts", HttpStatusCode.OK);
        var worker = await server.ClientAsync("tc-grid02");
        await worker.GetAsync("/api/audit", HttpStatusCode.Forbidden);
        await worker.PostAsync("/api/definitions/validate", new { definition = new { } }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Users_AdminCreatesUserWithRole_UserSignsIn()
    {
        var admin = await server.ClientAsync("tc-admin");
        var created = await admin.PostAsync("/api/users", new { userName = "tc-new-grid", displayName = "新网格员", password = "a-long-password", roles = new[] { new { role = "grid-worker", orgUnitId = "tc-wc-fs-g01" } } }, HttpStatusCode.Created);
        Assert.Equal("tc-wc-fs-g01", created.GetProperty("roles")[0].GetProperty("orgUnitId").GetString());
        using var client = server.CreateClient();
        await (await client.PostAsJsonAsync("/api/auth/login", new { userName = "tc-new-grid", password = "a-long-password" })).JsonAsync(HttpStatusCode.OK);
    }
}
