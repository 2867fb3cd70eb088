using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// Parses and compiles the forms of workflow definitions once and caches them by (definition key,
/// version, content hash, form key). A task pins the definition version it was created under, so a
/// submission is validated against exactly that version's form even after newer versions exist.
/// Drafts (version 0) are cached by the hash of the form JSON, keeping only the latest per form.
/// </summary>
public sealed class FormCatalog
{
    private readonly IScriptHost _host;
    private readonly ConcurrentDictionary<(string Definition, int Version, string Hash, string Form), Lazy<CompiledForm>> _published = new();
    private readonly ConcurrentDictionary<(string Definition, string Form), (string Hash, CompiledForm Compiled)> _drafts = new();

    public FormCatalog(IScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
    }

    public int CachedCount => _published.Count + _drafts.Count;

    /// <summary>The compiled form <paramref name="formKey"/> of <paramref name="definition"/> (exactly its version).</summary>
    /// <exception cref="KeyNotFoundException">the definition has no such form.</exception>
    /// <exception cref="FormDefinitionException">the form definition is invalid.</exception>
    public CompiledForm Get(WorkflowDefinition definition, string formKey)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(formKey);
        if (!definition.Forms.TryGetValue(formKey, out var json))
        {
            throw new KeyNotFoundException($"definition '{definition.Key}' v{definition.Version} has no form '{formKey}'");
        }

        if (definition.Version > 0 && definition.ContentHash is { } contentHash)
        {
            return _published.GetOrAdd(
                (definition.Key, definition.Version, contentHash, formKey),
                _ => new Lazy<CompiledForm>(() => Compile(json))).Value;
        }

        var hash = Hash(json);
        var draftKey = (definition.Key, formKey);
        if (_drafts.TryGetValue(draftKey, out var cached) && cached.Hash == hash)
        {
            return cached.Compiled;
        }

        var compiled = Compile(json);
        _drafts[draftKey] = (hash, compiled);
        return compiled;
    }

    /// <summary>Picks the definition a task was created under from the versions at hand, then its form.</summary>
    /// <exception cref="KeyNotFoundException">no definition with that version.</exception>
    public CompiledForm GetForVersion(IEnumerable<WorkflowDefinition> versions, int version, string formKey)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var definition = versions.FirstOrDefault(d => d.Version == version)
            ?? throw new KeyNotFoundException($"no definition version {version}");
        return Get(definition, formKey);
    }

    private CompiledForm Compile(JsonElement json) => CompiledForm.Compile(FormDefinition.Parse(json), _host);

    private static string Hash(JsonElement json) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.GetRawText())));
}
