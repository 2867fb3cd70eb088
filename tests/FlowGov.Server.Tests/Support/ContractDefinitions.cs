namespace FlowGov.Server.Tests.Support;

/// <summary>Definitions for the browser-facing contracts: notifications, startable processes, test runs.</summary>
public static class ContractDefinitions
{
    public const string NotifyKey = "notify-test";

    /// <summary>Two inbox notices (one to a user, one to the grid workers of grid 01), then a task for the starter.</summary>
    public const string Notify = """
    {
      "key": "notify-test",
      "name": "通知测试",
      "category": "测试",
      "startRoles": ["grid-worker"],
      "forms": {
        "ack": { "key": "ack", "title": "确认", "fields": [ { "key": "note", "label": "备注", "kind": "text" } ], "actions": [ { "key": "ok", "label": "确认" } ] }
      },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "toUser", "type": "Notify", "properties": { "title": "个人通知", "body": "给网格员01", "users": ["u-tc-grid01"] } },
        { "id": "toRole", "type": "Notify", "properties": { "title": "网格通知", "roles": ["grid-worker"], "unit": "tc-wc-lcx-g01" } },
        { "id": "ack", "type": "UserTask", "properties": { "formKey": "ack", "assignee": { "js": "instance.startedBy" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "toUser" },
        { "from": "toUser", "to": "toRole" },
        { "from": "toRole", "to": "ack" },
        { "from": "ack", "port": "ok", "to": "end" }
      ]
    }
    """;

    public const string HandlersOnlyKey = "handlers-only-test";

    /// <summary>Started only by department handlers (its first task is theirs).</summary>
    public const string HandlersOnly = """
    {
      "key": "handlers-only-test",
      "name": "部门发起",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "work", "type": "UserTask", "properties": { "candidateRoles": ["department-handler"], "candidateUnit": "tongcheng" } },
        { "id": "end", "type": "End" }
      ],
      "connections": [ { "from": "start", "to": "work" }, { "from": "work", "to": "end" } ]
    }
    """;
}
