using System.Text.Json;

namespace FlowGov.Server.Definitions;

/// <summary><see cref="Revision"/> is the draft revision last read (0 to create the draft); <see cref="Definition"/> is the definition JSON (docs/definition-format.md).</summary>
public sealed record SaveDraftRequest(long Revision, JsonElement Definition);
