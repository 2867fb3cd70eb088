using FlowGov.Core.Scripting;

namespace FlowGov.Core.Activities;

/// <summary>A prepared script together with where it was written, so a failure names the activity, property and line.</summary>
public sealed record ScriptProperty(string ActivityId, string Property, PreparedScript Script);
