namespace FlowGov.Core.Tests.Forms;

/// <summary>The xunit collection that runs <see cref="HostileFormScriptTests"/> on its own.</summary>
[CollectionDefinition(nameof(HostileFormScriptTests), DisableParallelization = true)]
public sealed class HostileScriptsRunAlone;
