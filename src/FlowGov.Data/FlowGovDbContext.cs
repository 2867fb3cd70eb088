using System.Linq.Expressions;
using System.Text;
using FlowGov.Core.Runtime;
using FlowGov.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data;

/// <summary>
/// The one model of FlowGov's store. Each provider has a thin subclass only because EF caches the
/// model per context type and the providers map times differently (UTC ticks vs timestamptz).
/// Every entity carries its district; a global query filter limits
/// every query to <see cref="Scope"/>, and saving a row of another district throws.
/// </summary>
public abstract class FlowGovDbContext : DbContext
{
    /// <summary>For the context pools of <see cref="FlowGovDatabase"/>: the scope is set by <see cref="Lease"/> before any use.</summary>
    protected FlowGovDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The <c>started_by</c> of instances that recurring (cron) triggers start; the recurring-start unique index covers only those.</summary>
    public const string RecurringStartActor = "system:cron";

    private DistrictScope? _scope;

    /// <summary>The scope of the current unit of work; a context nobody leased refuses to guess one.</summary>
    public DistrictScope Scope => _scope ?? throw new InvalidOperationException("A FlowGov context is used before FlowGovDatabase.CreateContext gave it a district scope.");

    public abstract StoreProvider Provider { get; }

    public DbSet<DistrictRow> Districts => Set<DistrictRow>();

    public DbSet<OrgUnitRow> OrgUnits => Set<OrgUnitRow>();

    public DbSet<DefinitionRow> Definitions => Set<DefinitionRow>();

    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<BookmarkRow> Bookmarks => Set<BookmarkRow>();

    public DbSet<TaskRow> Tasks => Set<TaskRow>();

    public DbSet<JournalRow> Journal => Set<JournalRow>();

    public DbSet<IncidentRow> Incidents => Set<IncidentRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<AuditRow> AuditLog => Set<AuditRow>();

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<RoleAssignmentRow> RoleAssignments => Set<RoleAssignmentRow>();

    public DbSet<AccessTokenRow> AccessTokens => Set<AccessTokenRow>();

    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();

    public DbSet<TaskDelegationRow> TaskDelegations => Set<TaskDelegationRow>();

    public DbSet<CalendarRow> Calendars => Set<CalendarRow>();

    public DbSet<CalendarDayRow> CalendarDays => Set<CalendarDayRow>();

    public DbSet<AttachmentRow> Attachments => Set<AttachmentRow>();

    public DbSet<NotificationReadRow> NotificationReads => Set<NotificationReadRow>();

    // Read by the query filter; EF parameterises it per context instance.
    internal string ScopeDistrict => Scope.District;

    /// <summary>
    /// Hands a pooled context to a unit of work in <paramref name="scope"/>. A pool holds contexts of
    /// one scope kind only (all districts or one district), because the model — with or without the
    /// district filter — is fixed when a context is first used; the district itself is read by the
    /// filter on every query, so it may change from lease to lease.
    /// </summary>
    internal FlowGovDbContext Lease(DistrictScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        _scope = scope;
        return this;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardDistricts();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardDistricts();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Provider == StoreProvider.Sqlite)
        {
            // SQLite has no date type: UTC ticks in an INTEGER keep order and precision in SQL.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        }
        else
        {
            // timestamptz accepts only offset 0.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<DistrictRow>(e =>
        {
            e.ToTable("districts");
            e.HasKey(x => x.District);
        });

        modelBuilder.Entity<OrgUnitRow>(e =>
        {
            e.ToTable("org_units");
            e.HasKey(x => x.Id);
            e.Property(x => x.Kind).HasConversion<string>();
            e.HasIndex(x => new { x.District, x.ParentId });
        });

        modelBuilder.Entity<DefinitionRow>(e =>
        {
            e.ToTable("definitions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Status).HasConversion<string>();
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.District, x.Key, x.Version }).IsUnique();
        });

        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Revision).IsConcurrencyToken();
            e.HasIndex(x => new { x.District, x.Status, x.CompletedAt }); // lists by status; retention by completion time
            e.HasIndex(x => new { x.District, x.DefinitionKey, x.DefinitionVersion });
            e.HasIndex(x => new { x.District, x.BusinessKey });
            // One instance per recurring fire: a cron start's business key is triggerId@scheduledFireTime,
            // so a job rerun after a crash (or a second node) that commits the same fire again is refused.
            e.HasIndex(x => new { x.District, x.DefinitionKey, x.BusinessKey }, "UX_instances_recurring_start")
                .IsUnique().HasFilter("\"started_by\" = '" + RecurringStartActor + "'");
            e.HasIndex(x => x.ParentBookmarkId);
            // The list page (newest first), "my reported instances", reports by period and by org unit (0008).
            e.HasIndex(x => new { x.District, x.CreatedAt });
            e.HasIndex(x => new { x.District, x.StartedBy, x.CreatedAt });
            e.HasIndex(x => new { x.District, x.OrgUnit });
        });

        modelBuilder.Entity<BookmarkRow>(e =>
        {
            e.ToTable("bookmarks");
            e.HasKey(x => x.Id);

            // Partial (0009): a bookmark has a signal key or a due time, and the lookups ask for one value
            // of one of them, so rows without it need no entry. Each advance replaces a task's two
            // bookmarks; full indexes rewrote a NULL entry in each of these for every one of them.
            // A task's bookmark is found through tasks.bookmark_id, so task_id has no index (0010). Nor
            // has instance_id (0012): only retention asks for an instance's bookmarks, and the entry
            // cost every advance a leaf of its own in a group commit.
            e.HasIndex(x => x.Key).HasFilter("\"key\" IS NOT NULL");
            e.HasIndex(x => x.DueAt).HasFilter("\"due_at\" IS NOT NULL");
        });

        modelBuilder.Entity<TaskRow>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(x => x.Id);
            // Inbox: open tasks of a district for their assignee, or unassigned for a unit's role holders,
            // nearest deadline first. Partial (0010): every inbox query asks for open tasks (status as a
            // literal, so the planner can match it), and a closed task leaving the index costs one
            // entry instead of moving to a 'Completed' range; a task is in one of the two, never both.
            e.HasIndex(x => new { x.District, x.Assignee, x.DueAt }, "IX_tasks_open_assigned")
                .HasFilter("\"status\" = '" + nameof(HumanTaskStatus.Open) + "' AND \"assignee\" IS NOT NULL");
            e.HasIndex(x => new { x.District, x.CandidateUnit, x.DueAt }, "IX_tasks_open_unassigned")
                .HasFilter("\"status\" = '" + nameof(HumanTaskStatus.Open) + "' AND \"assignee\" IS NULL");
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.District, x.CreatedAt }); // task reports by period (0008)
        });

        modelBuilder.Entity<JournalRow>(e =>
        {
            e.ToTable("journal");
            e.HasKey(x => new { x.InstanceId, x.Sequence }); // read by instance only; 0009 dropped (district, at)
        });

        modelBuilder.Entity<IncidentRow>(e =>
        {
            e.ToTable("incidents");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.InstanceId);
            e.HasIndex(x => new { x.District, x.Resolved });
        });

        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.DispatchedAt);
            e.HasIndex(x => new { x.District, x.At });
            e.HasIndex(x => x.InstanceId);
        });

        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.District, x.At });
        });

        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("users");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UserName).IsUnique();
            e.HasIndex(x => x.District);
        });

        modelBuilder.Entity<RoleAssignmentRow>(e =>
        {
            e.ToTable("role_assignments");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.District, x.UserId, x.Role, x.OrgUnitId }).IsUnique();
            e.HasIndex(x => new { x.District, x.OrgUnitId });
        });

        modelBuilder.Entity<AccessTokenRow>(e =>
        {
            e.ToTable("access_tokens");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => new { x.District, x.UserId });
        });

        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.UserId, x.Key });
            e.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<TaskDelegationRow>(e =>
        {
            e.ToTable("task_delegations");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.District, x.TaskId });
            e.HasIndex(x => new { x.District, x.FromUser });
        });

        modelBuilder.Entity<CalendarRow>(e =>
        {
            e.ToTable("calendars");
            e.HasKey(x => x.District);
        });

        modelBuilder.Entity<CalendarDayRow>(e =>
        {
            e.ToTable("calendar_days");
            e.HasKey(x => new { x.District, x.Day });
            e.Property(x => x.Kind).HasConversion<string>();
        });

        modelBuilder.Entity<AttachmentRow>(e =>
        {
            e.ToTable("attachments");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.District, x.TaskId });
            e.HasIndex(x => new { x.District, x.Hash });
            e.HasIndex(x => new { x.District, x.InstanceId });
        });

        modelBuilder.Entity<NotificationReadRow>(e =>
        {
            e.ToTable("notification_reads");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.District, x.UserId, x.NotificationId }).IsUnique();
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            // All-districts contexts get their own model (DistrictModelCacheKeyFactory) without the filter.
            if (!Scope.IsAllDistricts && typeof(IDistrictOwned).IsAssignableFrom(entity.ClrType))
            {
                entity.SetQueryFilter(DistrictFilter(entity.ClrType, sharedCityRows: entity.ClrType == typeof(DefinitionRow)));
            }
        }
    }

    /// <summary><c>e =&gt; e.District == ScopeDistrict [|| e.District == ""]</c>, built per entity type.</summary>
    private LambdaExpression DistrictFilter(Type type, bool sharedCityRows)
    {
        var e = Expression.Parameter(type, "e");
        var self = Expression.Constant(this);
        var district = Expression.Property(e, nameof(IDistrictOwned.District));
        Expression body = Expression.Equal(district, Expression.Property(self, nameof(ScopeDistrict)));
        if (sharedCityRows)
        {
            body = Expression.OrElse(body, Expression.Equal(district, Expression.Constant(string.Empty)));
        }

        return Expression.Lambda(body, e);
    }

    private void GuardDistricts()
    {
        foreach (var entry in ChangeTracker.Entries<IDistrictOwned>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !Scope.Allows(entry.Entity.District))
            {
                throw new DistrictScopeViolationException(
                    $"A {entry.Metadata.ClrType.Name} of district '{entry.Entity.District}' cannot be written in the scope of {Scope}.");
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
