using FlowGov.Data.Entities;
using FlowGov.Server.Accounts;

namespace FlowGov.Server.Seeding;

/// <summary>
/// The sample districts, named after the seed articles: 桐城市 (seed 000: 文昌街道, 六尺巷社区, 翻身社区,
/// 龙腾街道, 兴元社区) and 绍兴越城区 (seed 003: 迪荡街道, 洞桥社区 with six grids, 剡溪社区), with a demo
/// account for every role. The functional departments the seeded processes dispatch to (<c>dept-municipal</c> …,
/// the triage form's 承办部门 list) sit under 桐城市, so a department handler there can take a dispatched event.
/// </summary>
public static class DemoData
{
    public const string Password = "FlowGov-demo-2026";

    public const string PrimaryDistrict = "tongcheng";

    public static IReadOnlyList<(string District, string Name)> Districts { get; } = [("tongcheng", "桐城市"), ("yuecheng", "越城区")];

    // Before Units: static initialisers run in order and BuildUnits reads this list.
    /// <summary>The functional departments (id, name) in the order of the grid-event triage form's 承办部门 list.</summary>
    public static IReadOnlyList<(string Id, string Name)> Departments { get; } =
    [
        ("dept-municipal", "市政园林局"), ("dept-urban", "城市管理综合执法局"), ("dept-housing", "住房和城乡建设局"), ("dept-ecology", "生态环境分局"),
        ("dept-emergency", "应急管理局"), ("dept-fire", "消防救援大队"), ("dept-police", "公安分局"), ("dept-traffic", "公安交警大队"),
        ("dept-transport", "交通运输局"), ("dept-justice", "司法局"), ("dept-civil", "民政局"), ("dept-hrss", "人力资源和社会保障局"),
        ("dept-health", "卫生健康委员会"), ("dept-market", "市场监督管理局"), ("dept-resources", "自然资源和规划局"), ("dept-letters", "信访局"),
        ("dept-power", "供电公司"), ("dept-water", "水务集团"),
    ];

    public static IReadOnlyList<OrgUnitRow> Units { get; } = BuildUnits();

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("tc-admin", "桐城市管理员", RoleNames.Admin, "tongcheng", "tongcheng"),
        new("tc-designer", "流程设计员（组织部）", RoleNames.Designer, "tongcheng", "tongcheng"),
        new("tc-grid01", "六尺巷社区网格01网格员", RoleNames.GridWorker, "tc-wc-lcx-g01", "tongcheng"),
        new("tc-grid02", "六尺巷社区网格02网格员", RoleNames.GridWorker, "tc-wc-lcx-g02", "tongcheng"),
        new("tc-building", "双井巷1栋楼栋长", RoleNames.BuildingHead, "tc-wc-lcx-g01-b01", "tongcheng"),
        new("tc-secretary", "六尺巷社区书记", RoleNames.CommunitySecretary, "tc-wc-lcx", "tongcheng"),
        new("tc-municipal", "市政部门办事员", RoleNames.DepartmentHandler, "tongcheng", "tongcheng"),
        new("tc-property", "红色物业服务中心", RoleNames.PropertyCompany, "tc-wc-lcx", "tongcheng"),
        new("tc-owners", "六尺巷小区业委会", RoleNames.OwnersCommittee, "tc-wc-lcx", "tongcheng"),
        new("tc-supervisor", "文昌街道督办员", RoleNames.Supervisor, "tc-wc", "tongcheng"),
        new("tc-street", "文昌街道干部", RoleNames.StreetOfficer, "tc-wc", "tongcheng"),
        new("tc-party", "六尺巷社区党员", RoleNames.PartyMember, "tc-wc-lcx", "tongcheng"),
        new("tc-resident", "双井巷1栋居民", RoleNames.Resident, "tc-wc-lcx-g01-b01", "tongcheng"),
        new("tc-viewer", "桐城市观察员", RoleNames.Viewer, "tongcheng", "tongcheng"),
        new("yc-admin", "越城区管理员", RoleNames.Admin, "yuecheng", "yuecheng"),
        new("yc-grid01", "洞桥社区网格01网格员", RoleNames.GridWorker, "yc-dd-dq-g01", "yuecheng"),
        new("yc-supervisor", "迪荡街道督办员", RoleNames.Supervisor, "yc-dd", "yuecheng"),
    ];

    private static List<OrgUnitRow> BuildUnits()
    {
        var units = new List<OrgUnitRow>();
        void Add(string id, string district, string? parent, OrgUnitKind kind, string name) =>
            units.Add(new OrgUnitRow { Id = id, District = district, ParentId = parent, Kind = kind, Name = name });
        void Grids(string community, string district, int count)
        {
            for (var i = 1; i <= count; i++)
            {
                Add($"{community}-g{i:00}", district, community, OrgUnitKind.Grid, $"网格{i:00}");
            }
        }

        Add("tongcheng", "tongcheng", null, OrgUnitKind.District, "桐城市");
        Add("tc-wc", "tongcheng", "tongcheng", OrgUnitKind.Street, "文昌街道");
        Add("tc-wc-lcx", "tongcheng", "tc-wc", OrgUnitKind.Community, "六尺巷社区");
        Grids("tc-wc-lcx", "tongcheng", 3);
        Add("tc-wc-lcx-g01-b01", "tongcheng", "tc-wc-lcx-g01", OrgUnitKind.Building, "双井巷1栋");
        Add("tc-wc-fs", "tongcheng", "tc-wc", OrgUnitKind.Community, "翻身社区");
        Grids("tc-wc-fs", "tongcheng", 2);
        Add("tc-lt", "tongcheng", "tongcheng", OrgUnitKind.Street, "龙腾街道");
        Add("tc-lt-xy", "tongcheng", "tc-lt", OrgUnitKind.Community, "兴元社区");
        Grids("tc-lt-xy", "tongcheng", 2);
        foreach (var (id, name) in Departments)
        {
            Add(id, "tongcheng", "tongcheng", OrgUnitKind.Department, name);
        }

        Add("yuecheng", "yuecheng", null, OrgUnitKind.District, "越城区");
        Add("yc-dd", "yuecheng", "yuecheng", OrgUnitKind.Street, "迪荡街道");
        Add("yc-dd-dq", "yuecheng", "yc-dd", OrgUnitKind.Community, "洞桥社区");
        Grids("yc-dd-dq", "yuecheng", 6);
        Add("yc-dd-sx", "yuecheng", "yc-dd", OrgUnitKind.Community, "剡溪社区");
        Grids("yc-dd-sx", "yuecheng", 1);
        return units;
    }
}
