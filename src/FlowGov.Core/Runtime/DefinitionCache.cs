using System.Collections.Concurrent;
using FlowGov.Core.Definitions;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Compiled definitions by (district, key, version, content hash): compiled once, shared by every
/// run, so runs do not slow down as versions or instances pile up.
/// </summary>
public sealed class DefinitionCache(DefinitionCompiler compiler)
{
    private readonly ConcurrentDictionary<(string?, string, int, string?), Lazy<CompileResult>> _cache = new();

    public DefinitionCompiler Compiler => compiler;

    public CompiledDefinition Get(WorkflowDefinition definition)
    {
        var result = _cache.GetOrAdd(
            (definition.District, definition.Key, definition.Version, definition.ContentHash),
            _ => new Lazy<CompileResult>(() => compiler.Compile(definition))).Value;
        return result.Definition ?? throw new DefinitionInvalidException(definition.Key, definition.Version, result.Problems);
    }

    public int Count => _cache.Count;
}
