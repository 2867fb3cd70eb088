using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using FlowGov.Bench.Load;
using Microsoft.Data.Sqlite;

// End-to-end load benchmark of the real server on loopback (docs/benchmarks.md, "Server").
// Usage: dotnet run -c Release --project bench/FlowGov.Bench.Load -- [--server DLL] [--tasks N] [--instances N] [--starts N] [--starts-only]
//   --server       the FlowGov.Server.dll to run; default artifacts/server/ (the ReadyToRun publish of
//                  ./build.sh run) when present, else src/FlowGov.Server/bin/Release/net10.0/ (JIT only)
//   --tasks        tasks submitted per phase (peak and 70 %), default 2000
//   --instances    instance rows bulk-seeded for the RSS measurement, default 1000000 (0 skips it)
//   --starts       cold starts measured per kind (first start, restart), default 3
//   --starts-only  measure the cold starts and stop
var tasks = Option("--tasks", 2000);
var bulk = Option("--instances", 1_000_000);
var starts = Option("--starts", 3);
var root = RepoRoot();
var serverDll = Path.GetFullPath(TextOption("--server") ?? DefaultServer(root));
if (Directory.Exists(serverDll))
{
    serverDll = Path.Combine(serverDll, "FlowGov.Server.dll");
}

if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"Build the server first: ./build.sh run publishes artifacts/server, or dotnet build src/FlowGov.Server -c Release ({serverDll} is missing).");
    return 2;
}

var work = Directory.CreateTempSubdirectory("flowgov-bench-load-").FullName;
Console.WriteLine($"# FlowGov server load benchmark — {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"server: {Path.GetRelativePath(root, serverDll)} ({(IsReadyToRun(serverDll) ? "ReadyToRun" : "IL only, JIT")})");
Console.WriteLine($"load average at start: {LoadAverage()}");
try
{
    // 1. Cold start to ready: first start (empty data directory: migrations, seeding, publishing
    //    the process library) and restart (existing data), each measured to /healthz and /readyz.
    Console.WriteLine();
    Console.WriteLine("| start | to /healthz (s) | to /readyz (s) | server CPU until ready (s) |");
    Console.WriteLine("|---|---|---|---|");
    for (var i = 0; i < starts; i++)
    {
        var data = Path.Combine(work, $"cold-{i}");
        var (first, firstHealthy, firstReady) = await ServerProcess.StartAsync(serverDll, data, Path.Combine(root, "workflows"));
        var firstCpu = first.CpuUntilReady;
        await first.DisposeAsync();
        Console.WriteLine($"| first start #{i + 1} | {firstHealthy.TotalSeconds:F2} | {firstReady.TotalSeconds:F2} | {firstCpu.TotalSeconds:F2} |");
        var (again, healthy, ready) = await ServerProcess.StartAsync(serverDll, data, Path.Combine(root, "workflows"));
        var againCpu = again.CpuUntilReady;
        await again.DisposeAsync();
        Console.WriteLine($"| restart #{i + 1} | {healthy.TotalSeconds:F2} | {ready.TotalSeconds:F2} | {againCpu.TotalSeconds:F2} |");
    }

    if (args.Contains("--starts-only"))
    {
        Console.WriteLine();
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    // 2. Task submissions end to end: peak (closed loop, 32 in flight), then an open loop at 70 % of it.
    var loadData = Path.Combine(work, "load");
    var (server, _, _) = await ServerProcess.StartAsync(serverDll, loadData, null);
    await using (server)
    {
        using var worker = await TokenClientAsync(server, "tc-grid01");
        using var designer = await TokenClientAsync(server, "tc-designer");
        await PublishAsync(designer);
        var rssIdle = server.RssBytes();

        var startWatch = Stopwatch.StartNew();
        var open = await StartInstancesAsync(worker, 2 * tasks, 16);
        var startRate = 2 * tasks / startWatch.Elapsed.TotalSeconds;

        var peakWatch = Stopwatch.StartNew();
        var peakLatencies = await SubmitClosedLoopAsync(worker, open.Take(tasks).ToList(), 32);
        var peak = tasks / peakWatch.Elapsed.TotalSeconds;
        var rate = 0.7 * peak;
        var paced = await SubmitOpenLoopAsync(worker, open.Skip(tasks).ToList(), rate);
        Console.WriteLine();
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| instance starts/s (16 in flight, {2 * tasks} starts) | {startRate:F0} |");
        Console.WriteLine($"| task submissions/s at peak (32 in flight, {tasks} tasks, each completes its instance) | {peak:F0} |");
        Console.WriteLine($"| latency at peak p50 / p99 (ms) | {Percentile(peakLatencies, 0.5):F1} / {Percentile(peakLatencies, 0.99):F1} |");
        Console.WriteLine($"| latency at 70 % of peak ({rate:F0}/s, open loop) p50 / p99 (ms) | {Percentile(paced, 0.5):F1} / {Percentile(paced, 0.99):F1} |");
        Console.WriteLine($"| server RSS after start / after the load (MiB) | {rssIdle / 1048576.0:F0} / {server.RssBytes() / 1048576.0:F0} |");
    }

    // 3. RSS with many stored instances: bulk-seed rows by SQL (copies of a completed instance), restart, use it.
    if (bulk > 0)
    {
        var dbFile = Path.Combine(loadData, "flowgov.db");
        var seedWatch = Stopwatch.StartNew();
        var total = BulkSeed(dbFile, bulk);
        Console.WriteLine();
        Console.WriteLine($"bulk-seeded {bulk} instance rows in {seedWatch.Elapsed.TotalSeconds:F0} s ({total} rows, {new FileInfo(dbFile).Length / 1048576.0:F0} MiB database)");
        var (big, healthy, ready) = await ServerProcess.StartAsync(serverDll, loadData, null);
        await using (big)
        {
            var rssReady = big.RssBytes();
            using var worker = await TokenClientAsync(big, "tc-grid01");
            using var admin = await TokenClientAsync(big, "tc-admin");
            var probe = Stopwatch.StartNew();
            (await admin.GetAsync(new Uri("/api/instances?page=1&pageSize=50", UriKind.Relative))).EnsureSuccessStatusCode();
            var listMs = probe.Elapsed.TotalMilliseconds;
            probe.Restart();
            (await admin.GetAsync(new Uri("/api/instances/bulk-0500000", UriKind.Relative))).EnsureSuccessStatusCode();
            var getMs = probe.Elapsed.TotalMilliseconds;
            probe.Restart();
            (await admin.GetAsync(new Uri("/api/reports/counts", UriKind.Relative))).EnsureSuccessStatusCode();
            var countsMs = probe.Elapsed.TotalMilliseconds;
            var open = await StartInstancesAsync(worker, 500, 16);
            var watch = Stopwatch.StartNew();
            await SubmitClosedLoopAsync(worker, open, 32);
            var submits = 500 / watch.Elapsed.TotalSeconds;
            Console.WriteLine();
            Console.WriteLine($"| with {total} stored instances | value |");
            Console.WriteLine("|---|---|");
            Console.WriteLine($"| restart to /healthz / /readyz (s) | {healthy.TotalSeconds:F2} / {ready.TotalSeconds:F2} |");
            Console.WriteLine($"| server RSS when ready / after list, get, counts report and 500 submissions (MiB) | {rssReady / 1048576.0:F0} / {big.RssBytes() / 1048576.0:F0} |");
            Console.WriteLine($"| first list page / get one / counts report over 30 days (ms) | {listMs:F0} / {getMs:F0} / {countsMs:F0} |");
            Console.WriteLine($"| task submissions/s (32 in flight, 500 tasks) | {submits:F0} |");
        }
    }

    Console.WriteLine();
    Console.WriteLine($"load average at end: {LoadAverage()}");
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(work, recursive: true);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? TextOption(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string DefaultServer(string root)
{
    var published = Path.Combine(root, "artifacts", "server", "FlowGov.Server.dll");
    return File.Exists(published) ? published : Path.Combine(root, "src", "FlowGov.Server", "bin", "Release", "net10.0", "FlowGov.Server.dll");
}

// A ReadyToRun image has a managed native header (the precompiled code's directory); an IL-only one has none.
static bool IsReadyToRun(string dll)
{
    using var stream = File.OpenRead(dll);
    using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
    return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
}

static string RepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "FlowGov.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("FlowGov.sln not found above the benchmark's directory.");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

static async Task<HttpClient> TokenClientAsync(ServerProcess server, string userName)
{
    using var handler = new HttpClientHandler { UseCookies = true };
    using var admin = new HttpClient(handler, disposeHandler: false) { BaseAddress = server.BaseAddress };
    var adminName = userName.StartsWith("yc-", StringComparison.Ordinal) ? "yc-admin" : "tc-admin";
    (await admin.PostAsJsonAsync("/api/auth/login", new { userName = adminName, password = "FlowGov-demo-2026" })).EnsureSuccessStatusCode();
    var af = await admin.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
    admin.DefaultRequestHeaders.Add(af.GetProperty("headerName").GetString()!, af.GetProperty("token").GetString());
    var issued = await admin.PostAsJsonAsync($"/api/users/u-{userName}/tokens", new { name = "bench" });
    issued.EnsureSuccessStatusCode();
    var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

static async Task PublishAsync(HttpClient designer)
{
    var definition = JsonDocument.Parse("""
    {
      "key": "bench-task", "name": "压测任务",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "work", "type": "UserTask", "properties": { "title": "办理", "assignee": "u-tc-grid01" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "work" }, { "from": "work", "to": "end" } ]
    }
    """).RootElement;
    var saved = await designer.PutAsJsonAsync("/api/definitions/bench-task/draft", new { revision = 0, definition });
    saved.EnsureSuccessStatusCode();
    var revision = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt64();
    (await designer.PostAsJsonAsync("/api/definitions/bench-task/publish", new { revision, note = "bench" })).EnsureSuccessStatusCode();
}

static async Task<List<string>> StartInstancesAsync(HttpClient worker, int count, int inFlight)
{
    var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
    await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (_, ct) =>
    {
        using var response = await worker.PostAsJsonAsync("/api/instances", new { definitionKey = "bench-task" }, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        ids.Add(body.GetProperty("openTasks")[0].GetProperty("id").GetString()!);
    });
    return [.. ids];
}

static async Task<List<double>> SubmitClosedLoopAsync(HttpClient worker, List<string> taskIds, int inFlight)
{
    var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
    await Parallel.ForEachAsync(taskIds, new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (id, ct) =>
        latencies.Add(await SubmitAsync(worker, id, ct)));
    return [.. latencies];
}

// Open loop: request i is sent at i / rate seconds whatever the answers do, so queueing shows in the latency.
static async Task<List<double>> SubmitOpenLoopAsync(HttpClient worker, List<string> taskIds, double rate)
{
    var clock = Stopwatch.StartNew();
    var running = new List<Task<double>>(taskIds.Count);
    for (var i = 0; i < taskIds.Count; i++)
    {
        var due = TimeSpan.FromSeconds(i / rate);
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        running.Add(SubmitAsync(worker, taskIds[i], CancellationToken.None));
    }

    return [.. await Task.WhenAll(running)];
}

static async Task<double> SubmitAsync(HttpClient worker, string taskId, CancellationToken ct)
{
    var watch = Stopwatch.StartNew();
    using var response = await worker.PostAsJsonAsync($"/api/tasks/{taskId}/submit", new { }, ct);
    response.EnsureSuccessStatusCode();
    return watch.Elapsed.TotalMilliseconds;
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

// Copies a completed instance row `count` times in one transaction (ids bulk-0000000…), keeping every other column.
static long BulkSeed(string dbFile, int count)
{
    using var connection = new SqliteConnection($"Data Source={dbFile};Pooling=false");
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
        pragma.ExecuteNonQuery();
    }

    var columns = new List<string>();
    using (var info = connection.CreateCommand())
    {
        info.CommandText = "PRAGMA table_info(instances)";
        using var reader = info.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.GetString(1));
        }
    }

    var select = string.Join(", ", columns.Select(c => c == "id" ? "printf('bulk-%07d', n)" : $"t.\"{c}\""));
    using var tx = connection.BeginTransaction();
    using (var insert = connection.CreateCommand())
    {
        insert.Transaction = tx;
        insert.CommandText = $"""
            WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < {count})
            INSERT INTO instances ({string.Join(", ", columns.Select(c => $"\"{c}\""))})
            SELECT {select} FROM seq, (SELECT * FROM instances WHERE status = 'Completed' ORDER BY id LIMIT 1) t
            """;
        insert.CommandTimeout = 0;
        insert.ExecuteNonQuery();
    }

    tx.Commit();
    using var total = connection.CreateCommand();
    total.CommandText = "SELECT COUNT(*) FROM instances";
    return (long)total.ExecuteScalar()!;
}
