using System.Collections.Frozen;
using FlowGov.Core.Org;
using Microsoft.EntityFrameworkCore;

namespace FlowGov.Data.Org;

/// <summary>
/// The org tree from the <c>org_units</c> table for the engine's escalation rules: loaded whole on
/// first use (a city has thousands of units, not millions) and reloaded after
/// <see cref="TimeToLive"/> or <see cref="Invalidate"/>. Thread-safe.
/// </summary>
public sealed class OrgUnitDirectory(FlowGovDatabase database, TimeProvider clock, TimeSpan? timeToLive = null) : IOrgDirectory
{
    private readonly Lock _gate = new();
    private FrozenDictionary<string, string>? _parents;
    private DateTimeOffset _loadedAt;

    public TimeSpan TimeToLive { get; } = timeToLive ?? TimeSpan.FromMinutes(5);

    public string? ParentOf(string unitId)
    {
        var parents = Current();
        return parents.TryGetValue(unitId, out var p) ? p : null;
    }

    public void Invalidate()
    {
        lock (_gate)
        {
            _parents = null;
        }
    }

    private FrozenDictionary<string, string> Current()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_parents is null || now - _loadedAt >= TimeToLive)
            {
                using var db = database.CreateContext(DistrictScope.AllDistricts);
                _parents = db.OrgUnits.AsNoTracking().Where(u => u.ParentId != null)
                    .Select(u => new { u.Id, u.ParentId })
                    .AsEnumerable()
                    .ToFrozenDictionary(u => u.Id, u => u.ParentId!, StringComparer.Ordinal);
                _loadedAt = now;
            }

            return _parents;
        }
    }
}
