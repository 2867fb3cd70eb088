using System.Text.Json;
using System.Text.Json.Serialization;
using FlowGov.Core.Activities.Human;
using FlowGov.Core.Definitions;
using FlowGov.Core.Runtime;

namespace FlowGov.Core;

/// <summary>
/// Source-generated JSON for everything the engine persists or exchanges: camelCase, enums as
/// strings, nulls omitted. One context, so the persisted shape is defined in one place.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(WorkflowDefinition))]
[JsonSerializable(typeof(WorkflowInstance))]
[JsonSerializable(typeof(InstanceView))]
[JsonSerializable(typeof(HumanTask))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(Notification))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(MultiInstanceState))]
[JsonSerializable(typeof(List<MultiInstanceResult>))]
[JsonSerializable(typeof(VoteState))]
[JsonSerializable(typeof(VoteTally))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class EngineJson : JsonSerializerContext;
