using FlowGov.Core.Runtime;
using FlowGov.Data;
using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;

namespace FlowGov.Server.Audit;

/// <summary>Audit entries for what the current user did, each saved in the transaction of the change it describes.</summary>
public static class AuditTrail
{
    /// <summary>For a change the engine commits (start, submit, cancel): the store writes it with the advance.</summary>
    public static AuditNote Note(CurrentUser me, string action, DateTimeOffset at, string? subject = null, string? data = null)
    {
        ArgumentNullException.ThrowIfNull(me);
        return new AuditNote(me.Id, action, at, me.ClientAddress ?? "api", subject, data);
    }

    /// <summary>For a change saved through <paramref name="db"/>: the caller's SaveChanges writes it.</summary>
    public static void Add(FlowGovDbContext db, CurrentUser me, string action, string? subject, DateTimeOffset at, string? data = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(me);
        db.AuditLog.Add(new AuditRow { District = me.District, Actor = me.Id, Action = action, Subject = subject, At = at, Source = me.ClientAddress ?? "api", Data = data });
    }
}
