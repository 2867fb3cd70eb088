using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FlowGov.Bench;

/// <summary>A throwaway PostgreSQL on a free loopback port (as tests/FlowGov.Data.Tests does), with fsync ON: the store's durable setting. Shared by the store and scheduling benchmarks (linked into each).</summary>
internal sealed class PostgresInstance : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flowgov-bench-pg-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
    private readonly string _bin;

    /// <param name="sharedBuffers">PostgreSQL's buffer cache, e.g. <c>512MB</c> (default) or <c>4GB</c> (a quarter of this machine's memory, as PostgreSQL's tuning guidance has it).</param>
    public PostgresInstance(string sharedBuffers = "512MB")
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending(StringComparer.Ordinal).FirstOrDefault() ?? ""
            : "";
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL binaries not found: apt-get install -y postgresql");
        }

        Version = Path.GetFileName(Path.GetDirectoryName(_bin)!);
        using (var l = new TcpListener(IPAddress.Loopback, 0))
        {
            l.Start();
            Port = ((IPEndPoint)l.LocalEndpoint).Port;
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }

        Directory.CreateDirectory(_root);
        Run("chown", "postgres:", _root);
        Run("chmod", "700", _root);
        AsPostgres($"{_bin}/initdb -D {_root}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        AsPostgres($"{_bin}/pg_ctl -D {_root}/data -l {_root}/server.log -o \"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_root} -c max_connections=100 -c shared_buffers={sharedBuffers}\" -w -t 60 start");
    }

    public int Port { get; }

    public string Version { get; }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=50");

    public void Dispose()
    {
        try
        {
            AsPostgres($"{_bin}/pg_ctl -D {_root}/data -m fast -w stop");
        }
        finally
        {
            Directory.Delete(_root, true);
        }
    }

    private static void AsPostgres(string command) => Run("su", "postgres", "-c", command);

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {e} {o.Result}");
        }
    }
}
