using System.Text.Json;

namespace FlowGov.Core.Activities.Human;

/// <summary>One party's answer in a multi-instance task.</summary>
public sealed record MultiInstanceResult(int Index, JsonElement? Item, string Outcome, string? Actor, JsonElement? Values, DateTimeOffset At);
