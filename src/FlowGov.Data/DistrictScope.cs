namespace FlowGov.Data;

/// <summary>
/// The district a unit of work may see and write. Every query of <see cref="FlowGovDbContext"/>
/// is filtered by it and every saved row is checked against it, so code cannot cross districts
/// by accident; seeing all districts (timers, migrations, city administration) must be asked
/// for by name with <see cref="AllDistricts"/>.
/// </summary>
public sealed class DistrictScope
{
    private DistrictScope(string district, bool all)
    {
        District = district;
        IsAllDistricts = all;
    }

    /// <summary>The system scope: sees every district (scheduler, start-up, city-level administration).</summary>
    public static DistrictScope AllDistricts { get; } = new("", true);

    /// <summary>The district this scope is limited to; empty for <see cref="AllDistricts"/>.</summary>
    public string District { get; }

    public bool IsAllDistricts { get; }

    public static DistrictScope For(string district)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(district);
        return new DistrictScope(district, false);
    }

    /// <summary>True when a row of <paramref name="district"/> (<c>""</c> = city level) may be written in this scope.</summary>
    public bool Allows(string district) => IsAllDistricts || district == District;

    public override string ToString() => IsAllDistricts ? "all districts" : $"district '{District}'";
}
