namespace FlowGov.Server.Tests.Support;

/// <summary>A small grid-event closed loop (上报 → 分流 → 部门办理 → 回访), used when workflows/ has none.</summary>
public static class TestDefinitions
{
    public const string GridEventKey = "grid-event-test";

    public const string GridEvent = """
    {
      "key": "grid-event-test",
      "name": "网格事件闭环（测试）",
      "variables": [ { "name": "gridId", "type": "string" } ],
      "forms": {
        "report": {
          "key": "report",
          "title": "事件上报",
          "fields": [
            { "key": "summary", "label": "事件描述", "kind": "textarea", "required": true },
            { "key": "level", "label": "事件等级", "kind": "select", "options": ["small", "big"], "required": true }
          ],
          "actions": [ { "key": "submit", "label": "提交" } ]
        },
        "handle": {
          "key": "handle",
          "title": "部门处置",
          "fields": [ { "key": "result", "label": "处置结果", "kind": "textarea", "required": true } ],
          "actions": [ { "key": "done", "label": "办结" } ]
        },
        "visit": {
          "key": "visit",
          "title": "回访",
          "fields": [ { "key": "satisfied", "label": "是否满意", "kind": "select", "options": ["yes", "no"] } ],
          "actions": [ { "key": "close", "label": "结案" } ]
        }
      },
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "report", "type": "UserTask", "name": "网格员上报", "properties": { "formKey": "report", "assignee": { "js": "instance.startedBy" } } },
        { "id": "triage", "type": "Decision", "name": "分级分流", "properties": { "condition": "forms.report.level === 'big'" } },
        { "id": "handle", "type": "UserTask", "name": "部门限时办理", "properties": { "formKey": "handle", "candidateRoles": ["department-handler"], "candidateUnit": { "js": "instance.district" }, "due": "3WD", "warning": "2/3" } },
        { "id": "visit", "type": "UserTask", "name": "办结回访", "properties": { "formKey": "visit", "candidateRoles": ["grid-worker"], "candidateUnit": { "js": "vars.gridId" } } },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "from": "start", "to": "report" },
        { "from": "report", "port": "submit", "to": "triage" },
        { "from": "triage", "port": "true", "to": "handle" },
        { "from": "triage", "port": "false", "to": "visit" },
        { "from": "handle", "port": "done", "to": "visit" },
        { "from": "visit", "port": "close", "to": "end" }
      ]
    }
    """;
}
