using System.Diagnostics;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;
using FlowGov.Core.Validation;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Definitions;
using FlowGov.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FlowGov.Server.Seeding;

/// <summary>
/// Start-up work, in the background so the server listens (and <c>/healthz</c> answers) at once:
/// apply schema scripts, and on the first start with an empty store create the sample districts,
/// org trees and demo accounts and publish every definition of <c>workflows/</c>; then start the
/// Quartz scheduler (it reconciles timers with the migrated store). A later start finds the
/// districts and changes nothing. <c>/readyz</c> turns healthy when all of it is done; API requests
/// arriving earlier wait for the store. If the work fails the server stops, as it did when this ran
/// before listening.
/// </summary>
internal sealed partial class StartupService(
    FlowGovDatabase database,
    DefinitionCompiler compiler,
    DefinitionValidator validator,
    TimeProvider clock,
    IOptions<ServerOptions> options,
    StartupState state,
    IServer server,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<StartupService> logger) : IHostedLifecycleService, IDisposable
{
    private static readonly string SignInExample = "{\"userName\":\"tc-admin\",\"password\":\"" + DemoData.Password + "\"}";

    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();
    private Task _work = Task.CompletedTask;
    private bool _schedulerStarted;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _work = Task.Run(() => PrepareAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken);
            LogMigrated(logger, database.Provider.ToString(), database.Provider == StoreProvider.Sqlite ? database.Options.SqliteFilePath : "(connection string)", (long)_watch.Elapsed.TotalMilliseconds);
            if (options.Value.SeedDemo)
            {
                await SeedAsync(cancellationToken);
            }

            state.MarkStoreReady();
            // The scheduler's own hosted service is not registered (ServerSetup): it reconciles timers
            // against the store, so it starts here, after the migrations.
            if (services.GetService<FlowGov.Scheduling.Hosting.SchedulingHostedService>() is { } scheduling)
            {
                await scheduling.StartAsync(cancellationToken);
                _schedulerStarted = true;
            }

            state.MarkReady(_watch.Elapsed);
            LogReadyAfter(logger, (long)_watch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            state.MarkFailed(new OperationCanceledException("The server stopped during start-up."));
        }
#pragma warning disable CA1031 // any failure of start-up stops the server, with the reason logged
        catch (Exception error)
#pragma warning restore CA1031
        {
            LogStartFailed(logger, error);
            state.MarkFailed(error);
            lifetime.StopApplication();
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        LogListening(logger, string.Join(", ", addresses), (long)_watch.Elapsed.TotalMilliseconds);
        if (options.Value.PrintBanner && options.Value.SeedDemo)
        {
            var url = addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            Console.Out.WriteLine($"""

                FlowGov is running at {url}   — open it in a browser: designer, task inbox, dashboards
                (API docs: {url}/swagger, OpenAPI: {url}/openapi/v1.json, ready: {url}/readyz)
                Demo accounts (password for all: {DemoData.Password}, unless changed since the first start):
                {string.Join(Environment.NewLine, DemoData.Accounts.Select(a => $"  {a.UserName,-14} {a.Role,-20} {a.DisplayName}"))}
                Sign in: POST {url}/api/auth/login with {SignInExample}

                """);
        }

        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await _work.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        if (_schedulerStarted && services.GetService<FlowGov.Scheduling.Hosting.SchedulingHostedService>() is { } scheduling)
        {
            await scheduling.StopAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _stopping.Dispose();

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var db = database.CreateContext(DistrictScope.AllDistricts))
        {
            if (await db.Districts.AnyAsync(cancellationToken))
            {
                LogSeedSkipped(logger);
                return;
            }

            foreach (var (district, name) in DemoData.Districts)
            {
                db.Districts.Add(new DistrictRow { District = district, Name = name, CreatedAt = now });
            }

            db.OrgUnits.AddRange(DemoData.Units.Select(u => new OrgUnitRow { Id = u.Id, District = u.District, ParentId = u.ParentId, Kind = u.Kind, Name = u.Name }));
            // PBKDF2 is slow on purpose. The demo password is public (printed on the banner), so one
            // salted hash serves every demo account: the first start pays for one hash, not fourteen.
            var users = DemoData.Accounts.Select(a => new UserRow { Id = "u-" + a.UserName, District = a.District, UserName = a.UserName, DisplayName = a.DisplayName, PasswordHash = "", CreatedAt = now }).ToList();
            var demoHash = AccountDirectory.HashPassword(users[0], DemoData.Password);
            users.ForEach(u => u.PasswordHash = demoHash);
            foreach (var (a, user) in DemoData.Accounts.Zip(users))
            {
                db.Users.Add(user);
                db.RoleAssignments.Add(new RoleAssignmentRow { District = a.District, UserId = user.Id, Role = a.Role, OrgUnitId = a.OrgUnitId, CreatedAt = now });
            }

            db.AuditLog.Add(new AuditRow { District = DemoData.PrimaryDistrict, Actor = "system:seed", Action = "seed.demo", At = now, Source = "startup" });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another replica seeded at the same moment (primary keys collide): theirs stands.
                LogSeedSkipped(logger);
                return;
            }
        }

        LogSeeded(logger, DemoData.Districts.Count, DemoData.Units.Count, DemoData.Accounts.Count);
        await ImportWorkflowsAsync(cancellationToken);
    }

    private async Task ImportWorkflowsAsync(CancellationToken cancellationToken)
    {
        var folder = WorkflowsFolder();
        if (folder is null)
        {
            LogNoWorkflows(logger);
            return;
        }

        var service = new DefinitionService(database, DistrictScope.For(DemoData.PrimaryDistrict), compiler, clock);
        var actor = new AuditActor("system:seed", "startup");
        var taxonomy = Path.Combine(folder, "taxonomy") + Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(taxonomy, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
        var published = 0;
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(folder, file);
            try
            {
                var definition = DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken));
                var result = await DefinitionImporter.ImportAsync(0, definition, DemoData.PrimaryDistrict, service, validator, actor, $"seeded from workflows/{name}", cancellationToken);
                if (result.Version is { } v)
                {
                    published++;
                    LogPublished(logger, name, definition.Key, v);
                }
                else
                {
                    LogInvalid(logger, name, string.Join("; ", result.Problems.Take(5)));
                }
            }
            catch (DefinitionParseException ex)
            {
                LogInvalid(logger, name, ex.Problem.ToString());
            }
            catch (DefinitionInvalidException ex)
            {
                LogInvalid(logger, name, ex.Message);
            }
        }

        LogImported(logger, published, files.Count, folder);
    }

    private string? WorkflowsFolder()
    {
        if (options.Value.WorkflowsDirectory is { Length: > 0 } configured)
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "workflows");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                if (File.Exists(Path.Combine(dir.FullName, "FlowGov.sln")))
                {
                    break;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store migrated: {Provider} at {Location} ({Milliseconds} ms after start)")]
    private static partial void LogMigrated(ILogger logger, string provider, string location, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "FlowGov listening on {Addresses} ({Milliseconds} ms after start); /readyz turns healthy when start-up work is done")]
    private static partial void LogListening(ILogger logger, string addresses, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "FlowGov ready: store and scheduler up {Milliseconds} ms after start")]
    private static partial void LogReadyAfter(ILogger logger, long milliseconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Start-up failed; the server stops")]
    private static partial void LogStartFailed(ILogger logger, Exception error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store already holds districts: first-start seeding skipped")]
    private static partial void LogSeedSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Districts} districts, {Units} org units, {Accounts} demo accounts")]
    private static partial void LogSeeded(ILogger logger, int districts, int units, int accounts);

    [LoggerMessage(Level = LogLevel.Information, Message = "No workflows/ folder found: no definitions seeded")]
    private static partial void LogNoWorkflows(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {File} as {Key} v{Version}")]
    private static partial void LogPublished(ILogger logger, string file, string key, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped {File}: {Problems}")]
    private static partial void LogInvalid(ILogger logger, string file, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Published} of {Files} definitions from {Folder}")]
    private static partial void LogImported(ILogger logger, int published, int files, string folder);
}
