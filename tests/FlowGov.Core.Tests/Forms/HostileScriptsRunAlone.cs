namespace FlowGov.Core.Tests.Forms;

/// <summary>The xunit collection that runs <see cref="HostileScriptTests"/> on its own.</summary>
[CollectionDefinition(nameof(HostileScriptTests), DisableParallelization = true)]
public sealed class HostileScriptsRunAlone;
