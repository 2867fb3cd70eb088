using System.Globalization;
using FlowGov.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace FlowGov.E2E.Tests;

/// <summary>District administration in the browser: org units, users with roles, the working-day calendar, district isolation.</summary>
[Collection(E2EGroup.Name)]
public sealed class AdminTests(E2EFixture fixture)
{
    [Fact]
    public async Task Admin_creates_a_unit_and_a_user_with_a_role_who_can_then_sign_in()
    {
        var page = await fixture.NewPageAsync(1280, 800);
        await E2EFixture.SignInAsync(page, "tc-admin");
        await page.GotoAsync("/admin/org-units");

        await page.GetByTestId("unit-tree").GetByText("六尺巷社区", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("六尺巷社区");
        await page.GetByTestId("unit-add").ClickAsync();
        await page.GetByTestId("unit-id").FillAsync("tc-wc-lcx-g77");
        await page.GetByTestId("unit-name-input").FillAsync("网格77");
        await page.GetByTestId("unit-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unit-name")).ToHaveTextAsync("网格77");
        await Assertions.Expect(page.GetByTestId("unit-tree")).ToContainTextAsync("网格77");
        using var admin = await fixture.ApiAsync("tc-admin");
        var unit = await admin.GetAsync("/api/org-units/tc-wc-lcx-g77");
        Assert.Equal("grid", unit["kind"]!.GetValue<string>());
        Assert.Equal("tc-wc-lcx", unit["parentId"]!.GetValue<string>());
        await fixture.ScreenshotAsync(page, "admin-units-1280x800");

        await page.GetByTestId("admin-tab-users").ClickAsync();
        await page.GetByTestId("user-new").ClickAsync();
        await page.GetByTestId("user-username").FillAsync("e2e-grid77");
        await page.GetByTestId("user-displayname").FillAsync("网格77网格员");
        await page.GetByTestId("user-password").FillAsync("Grid77-password");
        await page.GetByTestId("user-role").ClickAsync();
        await page.Locator(".ant-select-item-option[title='网格员']").ClickAsync();
        await E2EFixture.PickTreeNodeAsync(page, page.GetByTestId("user-unit"), "网格77", page.Locator(".ant-select-tree-node-content-wrapper[title='网格77']"));
        await page.GetByTestId("user-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-table")).ToContainTextAsync("网格员 @ 网格77");
        await fixture.ScreenshotAsync(page, "admin-users-1280x800");

        // A personal access token is shown once and works as a bearer token.
        await page.GetByTestId("user-open-e2e-grid77").ClickAsync();
        await page.GetByTestId("token-name").FillAsync("巡查App");
        await page.GetByTestId("token-issue").ClickAsync();
        var token = (await page.GetByTestId("token-text").InnerTextAsync()).Trim();
        using (var bearer = new HttpClient { BaseAddress = fixture.Server.BaseUrl })
        {
            bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var me = await bearer.GetStringAsync(new Uri("/api/auth/me", UriKind.Relative));
            Assert.Contains("e2e-grid77", me, StringComparison.Ordinal);
        }

        await fixture.ScreenshotAsync(page, "admin-user-drawer-1280x800");
        await page.Keyboard.PressAsync("Escape");

        // The audit log lists what the admin just did.
        await page.GetByTestId("admin-tab-audit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-table")).ToContainTextAsync("org-unit.create");
        await fixture.ScreenshotAsync(page, "admin-audit-1280x800");

        var user = await fixture.NewPageAsync(1280, 800);
        await E2EFixture.SignInAsync(user, "e2e-grid77", "Grid77-password");
        await Assertions.Expect(user.GetByTestId("user-menu")).ToContainTextAsync("网格77网格员");
        await user.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_marks_a_holiday_in_the_calendar_and_the_API_has_it()
    {
        var page = await fixture.NewPageAsync(768, 1024, touch: true);
        await E2EFixture.SignInAsync(page, "tc-admin");
        await page.GotoAsync("/admin/calendar");
        var year = int.Parse((await page.GetByTestId("calendar-year").InnerTextAsync()).Trim().Split(' ')[0], CultureInfo.InvariantCulture);

        // The first ordinary weekday of December: neither weekend nor already a holiday.
        string? date = null;
        for (var d = new DateOnly(year, 12, 1); date is null && d.Month == 12; d = d.AddDays(1))
        {
            var iso = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (await page.GetByTestId($"day-{iso}").GetAttributeAsync("data-kind") == "normal")
            {
                date = iso;
            }
        }

        Assert.NotNull(date);
        var day = page.GetByTestId($"day-{date}");
        await day.ClickAsync();
        await Assertions.Expect(day).ToHaveAttributeAsync("data-kind", "holiday");
        await page.GetByTestId("calendar-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("calendar-save")).ToBeDisabledAsync();

        using var admin = await fixture.ApiAsync("tc-admin");
        var calendar = await admin.GetAsync($"/api/calendars/{year}");
        Assert.Contains(date, calendar["holidays"]!.AsArray().Select(h => h!.GetValue<string>()));
        await fixture.ScreenshotAsync(page, "admin-calendar-768x1024");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_foreign_districts_admin_sees_only_its_own_units()
    {
        var page = await fixture.NewPageAsync(768, 1024, touch: true);
        await E2EFixture.SignInAsync(page, "yc-admin");
        await page.GotoAsync("/admin/org-units");
        var tree = page.GetByTestId("unit-tree");
        await Assertions.Expect(tree).ToContainTextAsync("迪荡街道");
        await Assertions.Expect(tree).Not.ToContainTextAsync("文昌街道");
        await Assertions.Expect(tree).Not.ToContainTextAsync("桐城");
        using var yc = await fixture.ApiAsync("yc-admin");
        var units = (await yc.GetAsync("/api/org-units")).AsArray();
        Assert.DoesNotContain(units, u => u!["id"]!.GetValue<string>().StartsWith("tc", StringComparison.Ordinal));
        await fixture.ScreenshotAsync(page, "admin-units-yc-768x1024");
        await page.Context.CloseAsync();
    }
}
