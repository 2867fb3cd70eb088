using System.Text.Json;

namespace FlowGov.Server.Tasks;

/// <summary>
/// A task with the form it is answered with (from the definition version it was created under), the values stored so
/// far, and the display names of the people it names (<see cref="People"/>: holder and delegator, user id → name).
/// </summary>
public sealed record TaskDetail(TaskResponse Task, JsonElement? Form, JsonElement? Values, bool CanWork, IReadOnlyDictionary<string, string> People);
