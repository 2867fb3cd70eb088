using System.Text.Json;

namespace FlowGov.Server.Tasks;

/// <summary>A task with the form it is answered with (from the definition version it was created under) and the values stored so far.</summary>
public sealed record TaskDetail(TaskResponse Task, JsonElement? Form, JsonElement? Values, bool CanWork);
