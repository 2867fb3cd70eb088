using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FlowGov.E2E.Tests.Infrastructure;

/// <summary>
/// The real FlowGov server as a child process on a loopback port, with a fresh data directory
/// (seeded sample district, demo accounts, the published process library) and the built browser app.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
    }

    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>What the server printed so far (JSON logs), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = RepositoryRoot();
        var webApp = Path.Combine(root, "designer", "dist");
        if (!File.Exists(Path.Combine(webApp, "index.html")))
        {
            throw new InvalidOperationException($"The browser app is not built ({webApp}/index.html missing): run 'npm ci && npm run build' in designer/ (./build.sh test does).");
        }

        // The server's own build output, same configuration as these tests (bin/<Configuration>/net10.0).
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var serverBin = Path.Combine(root, "src", "FlowGov.Server", "bin", testBin.Parent!.Name, testBin.Name);
        var serverDll = Path.Combine(serverBin, "FlowGov.Server.dll");
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"{serverDll} is missing: build FlowGov.sln first.");
        }

        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}");
        var data = Directory.CreateTempSubdirectory("flowgov-e2e-").FullName;
        var start = new ProcessStartInfo("dotnet", ["exec", serverDll, "--urls", baseUrl.ToString().TrimEnd('/')])
        {
            WorkingDirectory = serverBin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["FlowGov__DataDirectory"] = data;
        start.Environment["FlowGov__WebAppDirectory"] = webApp;
        start.Environment["FlowGov__WorkflowsDirectory"] = Path.Combine(root, "workflows");
        start.Environment["FlowGov__SchedulerName"] = $"e2e-{port}";
        start.Environment["FlowGov__PrintBanner"] = "false";
        // Browser tests sign in many times from one address.
        start.Environment["FlowGov__LoginPermitsPerMinute"] = "1000";
        start.Environment["FlowGov__WritePermitsPerMinute"] = "100000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, baseUrl, data);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync(TimeSpan.FromMinutes(3));
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The server was not ready within {timeout}:\n{Output}");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowGov.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlowGov.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying process: the OS cleans the temp folder.
        }
    }
}
