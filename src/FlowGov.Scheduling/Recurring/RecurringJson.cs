using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FlowGov.Scheduling.Recurring;

[JsonSerializable(typeof(JsonObject))]
internal sealed partial class RecurringJson : JsonSerializerContext;
