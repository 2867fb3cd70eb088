using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>The app frame every area sits in: the server serves it, sign-in works, the language switches.</summary>
[Collection(E2EGroup.Name)]
public sealed class AppShellTests(E2EFixture fixture)
{
    [Fact]
    public async Task Server_serves_the_app_and_a_client_route_but_keeps_unknown_api_paths_404()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        var index = await http.GetStringAsync(new Uri("/inbox", UriKind.Relative));
        Assert.Contains("<div id=\"root\">", index, StringComparison.Ordinal);
        // An unknown API path answers the API's ProblemDetails (401 before sign-in), never the app's HTML.
        using var api = await http.GetAsync(new Uri("/api/no-such-endpoint", UriKind.Relative));
        Assert.Contains(api.StatusCode, new[] { System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.Unauthorized });
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_in_Chinese_and_the_right_one_signs_in()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.WaitForURLAsync("**/login**");
        await page.GetByTestId("login-user").FillAsync("tc-grid01");
        await page.GetByTestId("login-password").FillAsync("wrong-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToContainTextAsync("用户名或密码错误");
        await fixture.ScreenshotAsync(page, "shell-login-error");

        await page.GetByTestId("login-password").FillAsync(E2EFixture.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-menu")).ToContainTextAsync("六尺巷社区网格01网格员");
        await page.Context.CloseAsync();
    }
}
