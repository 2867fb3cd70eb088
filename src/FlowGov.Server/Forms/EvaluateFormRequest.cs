using System.Text.Json;

namespace FlowGov.Server.Forms;

/// <summary>Either an inline <see cref="Form"/> (designer preview of unsaved work) or a stored one by definition, version (0 = draft) and form key.</summary>
public sealed record EvaluateFormRequest(JsonElement? Form, string? DefinitionKey, int? Version, string? FormKey, JsonElement? Values, Dictionary<string, JsonElement>? Vars);

/// <summary>The current values of a task's form.</summary>
public sealed record EvaluateTaskFormRequest(JsonElement? Values);
