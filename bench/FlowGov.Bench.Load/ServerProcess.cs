using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FlowGov.Bench.Load;

/// <summary>The real server (FlowGov.Server.dll) as a child process on a loopback port, with its own data directory.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int ProcessId => _process.Id;

    /// <summary>CPU time (user + system, all threads) the server had used when /readyz first answered 200.</summary>
    public TimeSpan CpuUntilReady { get; private set; }

    /// <summary>Starts the server and measures the time to /healthz and to /readyz answering 200.</summary>
    public static async Task<(ServerProcess Server, TimeSpan Healthy, TimeSpan Ready)> StartAsync(string serverDll, string dataDirectory, string? workflowsDirectory)
    {
        var port = FreePort();
        var psi = new ProcessStartInfo("dotnet", [serverDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["FlowGov__DataDirectory"] = dataDirectory;
        psi.Environment["FlowGov__WorkflowsDirectory"] = workflowsDirectory ?? Path.Combine(dataDirectory, "no-workflows");
        psi.Environment["FlowGov__PrintBanner"] = "false";
        psi.Environment["FlowGov__WritePermitsPerMinute"] = "100000000";
        psi.Environment["FlowGov__LoginPermitsPerMinute"] = "100000";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var watch = Stopwatch.StartNew();
        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("server: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var healthy = await server.PollAsync(http, "/healthz", watch);
        var ready = await server.PollAsync(http, "/readyz", watch);
        process.Refresh();
        server.CpuUntilReady = process.TotalProcessorTime;
        return (server, healthy, ready);
    }

    private async Task<TimeSpan> PollAsync(HttpClient http, string path, Stopwatch watch)
    {
        while (watch.Elapsed < TimeSpan.FromMinutes(5))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_process.ExitCode} during start-up.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"{path} did not answer 200 within 5 minutes.");
    }

    /// <summary>Resident set size of the server process, from /proc.</summary>
    public long RssBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
