using FlowGov.Data;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Server.Accounts;

/// <summary>People are shown by name, not by user id: the display names of the users a response mentions.</summary>
public static class DisplayNames
{
    /// <summary>User id → display name for each id that names a user of the request's district (others are left out).</summary>
    public static async Task<Dictionary<string, string>> ForAsync(FlowGovDbContext db, IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = userIds.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
