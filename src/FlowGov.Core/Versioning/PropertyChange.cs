using System.Text.Json;

namespace FlowGov.Core.Versioning;

/// <summary>One property whose value differs: <see cref="From"/> is null when it was absent, <see cref="To"/> when it was removed.</summary>
public sealed record PropertyChange(string Name, JsonElement? From, JsonElement? To);
