using FlowGov.Data.Org;
using FlowGov.Data.Calendars;
using FlowGov.Scheduling;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlowGov.Core.Activities;
using FlowGov.Core.Forms;
using FlowGov.Core.Forms.Attachments;
using FlowGov.Core.Hosting;
using FlowGov.Core.Persistence;
using FlowGov.Core.Runtime;
using FlowGov.Core.Scripting;
using FlowGov.Core.Validation;
using FlowGov.Data;
using FlowGov.Data.Retention;
using FlowGov.Data.Versioning;
using FlowGov.Server.Accounts;
using FlowGov.Server.Attachments;
using FlowGov.Server.Audit;
using FlowGov.Server.Calendars;
using FlowGov.Server.Definitions;
using FlowGov.Server.Forms;
using FlowGov.Server.Instances;
using FlowGov.Server.Notifications;
using FlowGov.Server.Organization;
using FlowGov.Server.Reports;
using FlowGov.Server.Seeding;
using FlowGov.Server.Tasks;
using FlowGov.Server.TestRuns;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FlowGov.Server.Hosting;

/// <summary>Everything the server registers and the order of its middleware.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddFlowGovServer(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(ServerOptions.Section);
        services.Configure<ServerOptions>(section);
        var options = section.Get<ServerOptions>() ?? new ServerOptions();

        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = Math.Max(options.MaxRequestBodyBytes, options.MaxUploadBodyBytes));

        // The engine: one script host, compiler, definition cache and runner per process.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IIdGenerator>(sp => new SortableIdGenerator(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new FlowGovDataOptions
        {
            DataDirectory = options.DataDirectory,
            ConnectionString = string.IsNullOrWhiteSpace(options.ConnectionString) ? null : options.ConnectionString,
        });
        services.AddSingleton<FlowGovDatabase>();
        services.AddSingleton<IScriptHost>(_ => new JintScriptHost());
        services.AddSingleton(ActivityRegistry.Default);
        services.AddSingleton(sp => new DefinitionCompiler(sp.GetRequiredService<ActivityRegistry>(), sp.GetRequiredService<IScriptHost>()));
        services.AddSingleton(sp => new DefinitionCache(sp.GetRequiredService<DefinitionCompiler>()));
        services.AddSingleton(sp => new DefinitionValidator(sp.GetRequiredService<DefinitionCompiler>()));
        services.AddSingleton(sp => new FormCatalog(sp.GetRequiredService<IScriptHost>()));
        services.AddSingleton(sp => new FileSystemAttachmentStore(options.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAttachmentStore>(sp => sp.GetRequiredService<FileSystemAttachmentStore>());
        services.AddSingleton(sp => new StoreCalendarProvider(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new OrgUnitDirectory(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new WorkflowRunner(
            sp.GetRequiredService<IScriptHost>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IIdGenerator>(),
            sp.GetRequiredService<StoreCalendarProvider>(), org: sp.GetRequiredService<OrgUnitDirectory>()));

        // Per request, everything is scoped to the signed-in user's district.
        services.AddHttpContextAccessor();
        services.AddScoped(RequestDistrict.Resolve);
        services.AddScoped(sp => sp.GetRequiredService<FlowGovDatabase>().CreateContext(sp.GetRequiredService<DistrictScope>()));
        services.AddScoped(sp => new EfWorkflowStore(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<DistrictScope>()));
        services.AddScoped<IWorkflowStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        services.AddScoped(sp => new WorkflowEngine(sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<DefinitionCache>(), sp.GetRequiredService<WorkflowRunner>(), sp.GetService<ICommitObserver>()));
        services.AddScoped(sp => new DefinitionService(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<DistrictScope>(), sp.GetRequiredService<DefinitionCompiler>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped(sp => new CalendarService(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<DistrictScope>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<StoreCalendarProvider>()));
        services.AddScoped<CurrentUser>();
        services.AddScoped<TaskActions>();
        services.AddScoped<IdempotencyStore>();
        services.AddSingleton<AccountDirectory>();

        // Quartz resumes timers through an engine that sees every district (a job is not a request);
        // every engine, request-scoped or not, tells it about new and removed timers after commit.
        if (options.Scheduling)
        {
            services.AddFlowGovScheduling(new SchedulingOptions
            {
                SchedulerName = options.SchedulerName,
                Data = new FlowGovDataOptions
                {
                    DataDirectory = options.DataDirectory,
                    ConnectionString = string.IsNullOrWhiteSpace(options.ConnectionString) ? null : options.ConnectionString,
                },
                Engine = sp => new WorkflowEngine(
                    new EfWorkflowStore(sp.GetRequiredService<FlowGovDatabase>(), DistrictScope.AllDistricts),
                    sp.GetRequiredService<DefinitionCache>(), sp.GetRequiredService<WorkflowRunner>(), sp.GetRequiredService<ICommitObserver>()),
            });
            services.AddSingleton<ISchedulerStatus, QuartzSchedulerStatus>();
            // StartupService starts the scheduler after the migrations, in the background: the
            // scheduling module's own hosted-service registration would start it before listening.
            var schedulingHost = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null);
            services.Remove(schedulingHost);
        }

        // Cookie and antiforgery keys live with the data, so sign-ins survive restarts and replicas sharing the volume agree.
        services.AddDataProtection().SetApplicationName("FlowGov")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(options.DataDirectory), "keys")));
        services.AddAuthentication(AuthSchemes.Smart)
            .AddPolicyScheme(AuthSchemes.Smart, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? AuthSchemes.Token : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, o =>
            {
                o.Cookie.Name = "flowgov";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    // An API answers 401/403, it does not redirect to a login page.
                    OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; },
                    OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; },
                    // Reload roles and the active flag on every request: removing a role or a user takes effect at once.
                    OnValidatePrincipal = async c =>
                    {
                        var id = c.Principal?.FindFirst(AuthSchemes.UserIdClaim)?.Value;
                        var fresh = id is null ? null : await c.HttpContext.RequestServices.GetRequiredService<AccountDirectory>().PrincipalAsync(id, AuthSchemes.Cookie, c.HttpContext.RequestAborted);
                        if (fresh is null)
                        {
                            c.RejectPrincipal();
                        }
                        else
                        {
                            c.ReplacePrincipal(fresh);
                        }
                    },
                };
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenHandler>(AuthSchemes.Token, null);
        services.AddAuthorization(Policies.Configure);
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryCheck.HeaderName;
            o.Cookie.Name = "flowgov-xsrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o => RatePolicies.Configure(o, options));

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Detail ??= DefaultDetail(c.ProblemDetails.Status);
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        services.AddSingleton<StartupState>();
        services.AddHostedService<StartupService>();

        // Retention runs in the server, after the background start-up work has migrated the store.
        var retention = RetentionOptionsFrom(options);
        services.AddSingleton(sp => new RetentionHostedService(
            new RetentionService(sp.GetRequiredService<FlowGovDatabase>(), sp.GetRequiredService<TimeProvider>()),
            retention,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RetentionHostedService>>(),
            cancellationToken => sp.GetRequiredService<StartupState>().StoreReady.WaitAsync(cancellationToken)));
        services.AddHostedService(sp => sp.GetRequiredService<RetentionHostedService>());
        return builder;
    }

    /// <summary>The retention settings of <see cref="ServerOptions"/>, refused at start with the setting named when one is wrong.</summary>
    public static RetentionOptions RetentionOptionsFrom(ServerOptions options)
    {
        var prefix = ServerOptions.Section + ":" + nameof(ServerOptions.RetentionPolicies);
        for (var i = 0; i < options.RetentionPolicies.Count; i++)
        {
            var policy = options.RetentionPolicies[i];
            if (string.IsNullOrWhiteSpace(policy.District))
            {
                throw new InvalidOperationException($"{prefix}:{i}:District is required: the district whose finished instances the policy removes.");
            }

            if (policy.Days < 1)
            {
                throw new InvalidOperationException($"{prefix}:{i}:Days is {policy.Days}: a policy keeps finished instances at least 1 day.");
            }

            if (!Enum.IsDefined(policy.Action))
            {
                throw new InvalidOperationException($"{prefix}:{i}:Action must be Delete or Archive.");
            }
        }

        if (options.RetentionIntervalMinutes < 1)
        {
            throw new InvalidOperationException($"{ServerOptions.Section}:{nameof(ServerOptions.RetentionIntervalMinutes)} is {options.RetentionIntervalMinutes}: it must be at least 1.");
        }

        return new RetentionOptions
        {
            Policies = [.. options.RetentionPolicies],
            Interval = TimeSpan.FromMinutes(options.RetentionIntervalMinutes),
        };
    }

    /// <summary>What to say when the framework answers without an explanation (status-code pages).</summary>
    private static string DefaultDetail(int? status) => status switch
    {
        401 => "Sign in (POST /api/auth/login) or send 'Authorization: Bearer <personal access token>'.",
        403 => "Your roles in your district do not allow this request.",
        404 => "No such endpoint or resource.",
        405 => "This endpoint does not accept that HTTP method.",
        415 => "Send the body as JSON with 'Content-Type: application/json'.",
        _ => "The request could not be handled.",
    };

    public static WebApplication UseFlowGovServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value;
        var webApp = WebApp.Locate(options, app.Environment);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (webApp is not null)
        {
            app.UseWebAppFiles(webApp);
        }

        app.UseStartupGate();
        app.UseBodySizeLimit(options.MaxRequestBodyBytes, options.MaxUploadBodyBytes);
        app.UseAuthentication();
        app.UseCookieAntiforgery();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "FlowGov v1");
            o.RoutePrefix = "swagger";
        });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
            ResponseWriter = HealthResponse.WriteAsync,
        }).AllowAnonymous();
        if (webApp is null)
        {
            // Without the built app (npm run build in designer/), the API documentation is the front page.
            app.MapGet("/", () => TypedResults.Redirect("/swagger")).AllowAnonymous().ExcludeFromDescription();
        }


        var api = app.MapGroup("").RequireRateLimiting(RatePolicies.Writes);
        api.MapAuthEndpoints();
        api.MapUserEndpoints();
        api.MapRoleEndpoints();
        api.MapOrgUnitEndpoints();
        api.MapStartableEndpoints();
        api.MapDefinitionEndpoints();
        api.MapTemplateEndpoints();
        api.MapMigrationEndpoints();
        api.MapSendBackEndpoints();
        api.MapTestRunEndpoints();
        api.MapActivityEndpoints();
        api.MapInstanceEndpoints();
        api.MapTimerEndpoints();
        api.MapTaskEndpoints();
        api.MapFormEndpoints();
        api.MapNotificationEndpoints();
        api.MapCalendarEndpoints();
        api.MapAttachmentEndpoints();
        api.MapReportEndpoints();
        api.MapAuditEndpoints();
        return app;
    }
}
