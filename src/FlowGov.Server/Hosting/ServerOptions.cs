using FlowGov.Data.Retention;

namespace FlowGov.Server.Hosting;

/// <summary>
/// The <c>FlowGov</c> configuration section (appsettings.json, or environment variables such as
/// <c>FlowGov__DataDirectory</c>, <c>FlowGov__ConnectionString</c>, <c>FlowGov__SeedDemo</c>).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "FlowGov";

    /// <summary>Where the SQLite file and attachments live (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>A PostgreSQL (<c>Host=…</c>) or SQLite (<c>Data Source=…</c>) connection string; empty for SQLite in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>IANA time zone that dates without a time (report periods) are read in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>On the first start with an empty store, create the sample districts, demo accounts and publish <c>workflows/</c>.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>The process library to publish on first start; by default the nearest <c>workflows/</c> above the working directory.</summary>
    public string? WorkflowsDirectory { get; set; }

    /// <summary>The built browser app (<c>index.html</c> and <c>assets/</c>); by default the nearest <c>designer/dist</c> above the working directory.</summary>
    public string? WebAppDirectory { get; set; }

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The body limit of attachment uploads (multipart); each field's own maxSizeBytes is checked on top.</summary>
    public long MaxUploadBodyBytes { get; set; } = Core.Forms.Attachments.AttachmentLimits.DefaultFileMaxBytes + (1024 * 1024);

    public int LoginPermitsPerMinute { get; set; } = 10;

    public int WritePermitsPerMinute { get; set; } = 600;

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Run Quartz in this process: timers, task deadlines, follow-up visits, recurring starts.</summary>
    public bool Scheduling { get; set; } = true;

    /// <summary>
    /// Quartz scheduler name: the nodes of one cluster share it. Quartz keeps one scheduler per name
    /// per process, so two servers in one process (tests) need different names.
    /// </summary>
    public string SchedulerName { get; set; } = "flowgov";

    /// <summary>
    /// User ids (<c>u-tc-admin</c>) who manage city templates (definitions of no district). Set by the
    /// deployment, not through the API, so a district admin cannot grant it to themselves; the user
    /// must also hold the admin role in their own district.
    /// </summary>
    public List<string> CityAdministrators { get; set; } = [];

    /// <summary>
    /// What happens to each district's finished instances once they are old, e.g.
    /// <c>FlowGov__RetentionPolicies__0__District=tongcheng</c>, <c>…__Days=365</c>, <c>…__Action=Archive</c>
    /// (Delete or Archive, ADR 0017). None by default: nothing is ever removed unless configured.
    /// </summary>
    public List<RetentionPolicy> RetentionPolicies { get; set; } = [];

    /// <summary>How often the policies are applied; the first run is as soon as the store is ready after start-up.</summary>
    public int RetentionIntervalMinutes { get; set; } = 60;

    /// <summary>Where the demo seeder prints its credentials (null: standard output).</summary>
    public bool PrintBanner { get; set; } = true;
}
