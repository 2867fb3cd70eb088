using Microsoft.Playwright;

namespace FlowGov.E2E.Tests.Infrastructure;

/// <summary>
/// One real server (seeded sample district) and one headless Debian Chromium for all browser tests:
/// each test opens its own browser context (own cookies) on it. Screenshots go to
/// <see cref="ArtifactsDirectory"/> (<c>FLOWGOV_E2E_ARTIFACTS</c>, else a folder under the temp directory).
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string DemoPassword = "FlowGov-demo-2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServerProcess? _server;

    public ServerProcess Server => _server ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    public string ArtifactsDirectory { get; } = Environment.GetEnvironmentVariable("FLOWGOV_E2E_ARTIFACTS") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Path.GetTempPath(), "flowgov-e2e-artifacts");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./build.sh test does).");
        }

        Directory.CreateDirectory(ArtifactsDirectory);
        // Expectations wait as long as actions (NewPageAsync's 20 s): on a loaded 2-core machine the first page load
        // (a 4 MB bundle) or a list query takes longer than Playwright's 5 s default, and an empty table then fails.
        Assertions.SetDefaultExpectTimeout(20_000);
        var serverStart = ServerProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the networking flags Debian's Chromium floods refused connections (TOOLCHAIN.md).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        _server = await serverStart;
    }

    /// <summary>A fresh browser context (own cookies) and page at the given viewport, Chinese by default.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            HasTouch = touch,
            IsMobile = touch,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page as a demo account and waits for the app frame.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/login");
        await page.GetByTestId("login-user").FillAsync(userName);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.GetByTestId("user-menu").WaitForAsync();
    }

    /// <summary>
    /// Picks a node of a searchable tree select: opens <paramref name="select"/>, types
    /// <paramref name="search"/>, clicks <paramref name="node"/> and waits until the dropdown has
    /// closed, which it does once the node is picked. In one CI run (2026-12-07) a click landed while
    /// the filtered tree re-rendered: nothing was picked and the open dropdown covered the next
    /// button for the rest of the test. Such a click is repeated, at most twice.
    /// </summary>
    public static async Task PickTreeNodeAsync(IPage page, ILocator select, string search, ILocator node)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(select);
        ArgumentNullException.ThrowIfNull(node);
        await select.ClickAsync();
        await page.Keyboard.TypeAsync(search);
        for (var attempt = 1; ; attempt++)
        {
            await node.ClickAsync();
            try
            {
                await Assertions.Expect(node).ToBeHiddenAsync(new() { Timeout = 3000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                if (!await node.IsVisibleAsync())
                {
                    return; // picked, only slower to close than the wait above
                }
            }
        }
    }

    public Task<ApiClient> ApiAsync(string userName) => ApiClient.SignInAsync(Server.BaseUrl, userName);

    /// <summary>Saves a full-page PNG named after the test step; returns its path.</summary>
    public async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var path = Path.Combine(ArtifactsDirectory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2EGroup : ICollectionFixture<E2EFixture>
{
    public const string Name = "e2e";
}
