using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FlowGov.Data.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL on loopback for the whole test run: initdb into a temp directory, a free
/// port, trust auth; stopped and deleted at the end. If PostgreSQL cannot be found or started the
/// fixture throws, so every PostgreSQL test FAILS with the reason — never a silent skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "flowgov-pg-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Path.GetRandomFileName());
    private string? _bin;
    private int _databases;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        _bin = FindBin() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (initdb, pg_ctl). Install them: apt-get install -y postgresql. The PostgreSQL store tests cannot run without them.");
        Port = FreePort();
        Directory.CreateDirectory(_root);
        if (IsRoot)
        {
            Run("chown", "postgres:", _root);
        }

        Run("chmod", "700", _root);
        RunAsPostgres($"{_bin}/initdb -D {_root}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        RunAsPostgres($"{_bin}/pg_ctl -D {_root}/data -l {_root}/server.log -o \"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={_root} -c fsync=off -c max_connections=300\" -w -t 60 start");
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
    }

    public Task DisposeAsync()
    {
        try
        {
            if (_bin is not null && File.Exists(Path.Combine(_root, "data", "postmaster.pid")))
            {
                RunAsPostgres($"{_bin}/pg_ctl -D {_root}/data -m immediate -w stop");
            }
        }
        finally
        {
            if (Directory.Exists(_root))
            {
                Directory.Delete(_root, recursive: true);
            }
        }

        return Task.CompletedTask;
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=150;Include Error Detail=true");

    /// <summary>A fresh, empty database for one test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture);
        await using var conn = new NpgsqlConnection(ConnectionString("postgres"));
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
#pragma warning disable CA2100 // the name is built from a counter
        cmd.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBin()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string command)
    {
        if (IsRoot)
        {
            Run("su", "postgres", "-c", command);
        }
        else
        {
            Run("/bin/sh", "-c", command);
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL test server: '{file} {string.Join(' ', arguments)}' exited {p.ExitCode}: {stderr} {stdout.Result}");
        }
    }
}
