using System.Net;
using FlowGov.Data;
using FlowGov.Server.Hosting;
using FlowGov.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGov.Server.Tests;

/// <summary>
/// GET /api/instances: newest first with the id breaking ties (stable paging), and a total counted
/// only up to <see cref="ListQueries.CountCap"/> so a district of a million instances lists as fast as
/// one of ten thousand. Rows are written straight into the server's SQLite file: the list reads
/// only the queried columns, and ten thousand starts through the engine would test the engine.
/// </summary>
public sealed class InstanceListTests : IDisposable
{
    private readonly ServerFactory _server = new();

    [Fact]
    public async Task List_InstancesCreatedInTheSameTick_PagesNewestFirstThenByIdWithoutRepeatsOrGaps()
    {
        var t = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        await InsertAsync("""
            INSERT INTO instances (id, district, definition_key, definition_version, status, started_by, created_at, updated_at, state_json, revision) VALUES
            ('i-old', 'tongcheng', 'list-order', 1, 'Running', 'u-tc-grid01', {0}, {0}, '{{}}', 1),
            ('i-tie-b', 'tongcheng', 'list-order', 1, 'Running', 'u-tc-grid01', {1}, {1}, '{{}}', 1),
            ('i-tie-a', 'tongcheng', 'list-order', 1, 'Running', 'u-tc-grid01', {1}, {1}, '{{}}', 1),
            ('i-tie-c', 'tongcheng', 'list-order', 1, 'Running', 'u-tc-grid01', {1}, {1}, '{{}}', 1),
            ('i-new', 'tongcheng', 'list-order', 1, 'Running', 'u-tc-grid01', {2}, {2}, '{{}}', 1);
            """, t - 1, t, t + 1);
        var client = await _server.ClientAsync("tc-admin");

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await client.GetAsync($"/api/instances?definitionKey=list-order&pageSize=2&page={page}", HttpStatusCode.OK);
            Assert.Equal(5, body.GetProperty("total").GetInt32());
            Assert.False(body.GetProperty("totalIsLowerBound").GetBoolean());
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
        }

        Assert.Equal(["i-new", "i-tie-c", "i-tie-b", "i-tie-a", "i-old"], seen);
    }

    [Fact]
    public async Task List_MoreInstancesThanTheCountCap_TotalIsTheCapMarkedAsALowerBound()
    {
        var t = new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero).UtcTicks;
        const int rows = ListQueries.CountCap + 25;
        // One statement: a recursive CTE makes the rows inside SQLite.
        await InsertAsync("""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {0})
            INSERT INTO instances (id, district, definition_key, definition_version, status, started_by, created_at, updated_at, state_json, revision)
            SELECT printf('bulk-%06d', x), 'tongcheng', 'bulk', 1, 'Completed', CASE WHEN x % 1000 = 0 THEN 'u-tc-grid02' ELSE 'u-tc-grid01' END, {1} + x, {1} + x, '{{}}', 1 FROM n;
            """, rows, t);
        var client = await _server.ClientAsync("tc-admin");

        var all = await client.GetAsync("/api/instances?pageSize=3", HttpStatusCode.OK);
        Assert.Equal(ListQueries.CountCap, all.GetProperty("total").GetInt32());
        Assert.True(all.GetProperty("totalIsLowerBound").GetBoolean());
        Assert.Equal(["bulk-010025", "bulk-010024", "bulk-010023"], all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // Past the cap the pages still come, in order.
        var deep = await client.GetAsync("/api/instances?pageSize=10&page=1002", HttpStatusCode.OK);
        Assert.Equal(["bulk-000015", "bulk-000014", "bulk-000013", "bulk-000012", "bulk-000011", "bulk-000010", "bulk-000009", "bulk-000008", "bulk-000007", "bulk-000006"],
            deep.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // A filter under the cap counts exactly.
        var mine = await client.GetAsync("/api/instances?startedBy=u-tc-grid02", HttpStatusCode.OK);
        Assert.Equal(rows / 1000, mine.GetProperty("total").GetInt32());
        Assert.False(mine.GetProperty("totalIsLowerBound").GetBoolean());
    }

    public void Dispose() => _server.Dispose();

    private async Task InsertAsync(string sql, params object[] values)
    {
        var services = _server.Services;
        await services.GetRequiredService<StartupState>().StoreReady;
        await using var db = services.GetRequiredService<FlowGovDatabase>().CreateContext(DistrictScope.AllDistricts);
        await db.Database.ExecuteSqlRawAsync(sql, values); // {0}, {1} … become parameters
    }
}
