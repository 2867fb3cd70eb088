using System.Text.Json;
using FlowGov.Server.Tasks;

namespace FlowGov.Server.Instances;

/// <summary>
/// An instance as the instance viewer shows it: state, variables, submitted forms, open tasks, incidents, the
/// journal, and the display names of the users they mention (<see cref="People"/>: user id → name).
/// </summary>
public sealed record InstanceDetail(
    InstanceSummary Instance,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyDictionary<string, JsonElement> Forms,
    IReadOnlyList<TaskResponse> OpenTasks,
    IReadOnlyList<IncidentItem> Incidents,
    IReadOnlyList<JournalItem> Journal,
    IReadOnlyDictionary<string, string> People);
