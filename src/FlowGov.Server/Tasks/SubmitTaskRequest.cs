using System.Text.Json;

namespace FlowGov.Server.Tasks;

/// <summary>Completes a task with an outcome (a form action button) and form values. Send an <c>Idempotency-Key</c> header to make retries safe.</summary>
public sealed record SubmitTaskRequest(string? Outcome, JsonElement? Values);
