using System.Text.Json;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Tests.Scripting;

internal static class ScriptTestSupport
{
    public static JsonElement Json(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }

    public static Dictionary<string, JsonElement> Vars(string json)
    {
        var result = new Dictionary<string, JsonElement>();
        foreach (var p in Json(json).EnumerateObject())
        {
            result[p.Name] = p.Value.Clone();
        }

        return result;
    }

    public static ScriptResult Eval(this JintScriptHost host, string source, ScriptKind kind = ScriptKind.Expression, ScriptScope? scope = null)
    {
        var prepared = host.Prepare(source, kind);
        Assert.True(prepared.Ok, prepared.Error?.ToString());
        return host.Run(prepared.Script!, scope ?? new ScriptScope());
    }

    public static ScriptResult Body(this JintScriptHost host, string source, ScriptScope? scope = null) => host.Eval(source, ScriptKind.Body, scope);

    public static ScriptResult Ok(this ScriptResult result)
    {
        Assert.True(result.Ok, result.Error?.ToString());
        return result;
    }

    public static string Raw(this ScriptResult result) => result.Ok().Value.GetRawText();
}
