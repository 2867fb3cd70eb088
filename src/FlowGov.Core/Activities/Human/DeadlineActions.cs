using System.Text.Json;
using FlowGov.Core.Time;

namespace FlowGov.Core.Activities.Human;

/// <summary>
/// What happens at a deadline point (<c>onWarning</c>, <c>onOverdue</c>) besides marking the task
/// and firing its port: <c>notify</c> roles/users, <c>escalateTo</c> a role at the parent unit (督办),
/// <c>reassign</c> it, <c>repeatEvery</c> reminder (催办) while it stays open, or close it with an
/// <c>autoOutcome</c>. Declarative, so the designer can show it as a form.
/// </summary>
internal sealed record DeadlineActions(
    NotifyTarget? Notify,
    string? EscalateRole,
    string? EscalateUnit,
    PropertyValue? ReassignTo,
    ProcessDuration? RepeatEvery,
    string? AutoOutcome)
{
    /// <summary><c>escalateTo.unit</c>: the task's unit's parent (the default).</summary>
    public const string ParentUnit = "parent";

    /// <summary><c>escalateTo.unit</c> / <c>notify.unit</c>: the task's own unit.</summary>
    public const string SameUnit = "same";

    private static readonly string[] Keys = ["notify", "escalateTo", "reassign", "repeatEvery", "autoOutcome"];

    public static DeadlineActions? Read(PrepareContext context, string property, IReadOnlyList<string> outcomes)
    {
        if (context.Raw(property) is not { } raw)
        {
            return null;
        }

        if (raw.ValueKind != JsonValueKind.Object)
        {
            context.Problem("property-type", property, $"'{property}' must be an object such as {{\"notify\": {{\"roles\": [\"supervisor\"]}}, \"repeatEvery\": \"P1D\"}}.");
            return null;
        }

        foreach (var p in raw.EnumerateObject())
        {
            if (!Keys.Contains(p.Name))
            {
                context.Problem("unknown-property", property, $"'{property}.{p.Name}' is not a deadline action; use {string.Join(", ", Keys)}.");
            }
        }

        NotifyTarget? notify = null;
        if (raw.TryGetProperty("notify", out var n))
        {
            if (n.ValueKind != JsonValueKind.Object)
            {
                context.Problem("property-type", property, $"'{property}.notify' must be an object with 'roles' and/or 'users'.");
            }
            else
            {
                var roles = n.TryGetProperty("roles", out var r) ? JsonValues.ToStringList(r) : [];
                var users = n.TryGetProperty("users", out var u) ? JsonValues.ToStringList(u) : [];
                var unit = n.TryGetProperty("unit", out var un) ? JsonValues.ToText(un) : null;
                var assignee = n.TryGetProperty("assignee", out var a) && a.ValueKind == JsonValueKind.True;
                if (roles.Count == 0 && users.Count == 0 && !assignee)
                {
                    context.Problem("missing-property", property, $"'{property}.notify' names nobody: give 'roles', 'users' or \"assignee\": true.");
                }

                notify = new NotifyTarget(roles, users, unit, assignee);
            }
        }

        string? escalateRole = null;
        string? escalateUnit = null;
        if (raw.TryGetProperty("escalateTo", out var e))
        {
            escalateRole = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String ? role.GetString() : null;
            if (string.IsNullOrWhiteSpace(escalateRole))
            {
                context.Problem("missing-property", property, $"'{property}.escalateTo' needs a 'role' (e.g. {{\"role\": \"supervisor\", \"unit\": \"parent\"}}).");
            }

            escalateUnit = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("unit", out var eu) ? JsonValues.ToText(eu) : null;
            escalateUnit ??= ParentUnit;
        }

        PropertyValue? reassign = null;
        if (raw.TryGetProperty("reassign", out var re))
        {
            if (re.ValueKind == JsonValueKind.Object && re.TryGetProperty("assignee", out var who))
            {
                reassign = context.ValueFrom(property, who);
            }
            else
            {
                context.Problem("missing-property", property, $"'{property}.reassign' needs an 'assignee' (a user id or {{\"js\": …}}).");
            }
        }

        ProcessDuration? repeat = null;
        if (raw.TryGetProperty("repeatEvery", out var rp))
        {
            if (rp.ValueKind == JsonValueKind.String && ProcessDuration.TryParse(rp.GetString()!, out var d) && d.AddTo(DateTimeOffset.UnixEpoch, WorkdayCalendar.Default) > DateTimeOffset.UnixEpoch)
            {
                repeat = d;
            }
            else
            {
                context.Problem("bad-duration", property, $"'{property}.repeatEvery' must be a positive duration such as P1D, PT4H or 1WD.");
            }
        }

        string? autoOutcome = null;
        if (raw.TryGetProperty("autoOutcome", out var ao))
        {
            autoOutcome = ao.ValueKind == JsonValueKind.String ? ao.GetString() : null;
            if (autoOutcome is null || !outcomes.Contains(autoOutcome))
            {
                context.Problem("unknown-outcome", property, $"'{property}.autoOutcome' must be one of the task's outcomes: {string.Join(", ", outcomes)}.");
                autoOutcome = null;
            }
            else if (repeat is not null)
            {
                context.Problem("conflicting-actions", property, $"'{property}' closes the task ('autoOutcome') so it cannot also repeat reminders.");
            }
        }

        return new DeadlineActions(notify, escalateRole, escalateUnit, reassign, repeat, autoOutcome);
    }
}
