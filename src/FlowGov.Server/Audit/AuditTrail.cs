using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;

namespace FlowGov.Server.Audit;

/// <summary>Adds an audit row for what the current user did; saved with the change it describes.</summary>
public static class AuditTrail
{
    public static void Add(FlowGovDbContext db, CurrentUser me, string action, string? subject, DateTimeOffset at, string? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        db.AuditLog.Add(new AuditRow { District = me.District, Actor = me.Id, Action = action, Subject = subject, At = at, Source = me.ClientAddress ?? "api", Data = data });
    }
}
