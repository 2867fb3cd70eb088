using System.Text.Json;
using FlowGov.Core;
using FlowGov.Core.Definitions;
using FlowGov.Data.Entities;

namespace FlowGov.Data;

/// <summary>Definition rows ⇄ <see cref="WorkflowDefinition"/> records.</summary>
internal static class DefinitionRows
{
    public static WorkflowDefinition ToDefinition(DefinitionRow row)
    {
        var content = JsonSerializer.Deserialize(row.ContentJson, EngineJson.Default.WorkflowDefinition)
            ?? throw new InvalidOperationException($"Definition {row.Key} v{row.Version} has empty content.");
        return content with
        {
            Key = row.Key,
            District = row.District.Length == 0 ? null : row.District,
            Version = row.Version,
            ContentHash = row.ContentHash,
        };
    }

    public static string ToJson(WorkflowDefinition definition) =>
        JsonSerializer.Serialize(definition with { Version = 0, ContentHash = null }, EngineJson.Default.WorkflowDefinition);
}
