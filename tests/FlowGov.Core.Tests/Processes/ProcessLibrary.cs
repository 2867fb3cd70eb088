using System.Text.Json;
using FlowGov.Core.Definitions;
using FlowGov.Core.Forms;
using FlowGov.Core.Scripting;
using FlowGov.Core.Tests.Validation;

namespace FlowGov.Core.Tests.Processes;

/// <summary>The published process library in <c>workflows/</c>, read from the repository the tests run in.</summary>
internal static class ProcessLibrary
{
    private static readonly Lazy<JsonElement> TaxonomyFile = new(() =>
        JsonElement.Parse(File.ReadAllText(Path.Combine(Directory, "taxonomy", "grid-events.json"))));

    private static readonly Lazy<CategoryTaxonomy> ParsedTaxonomy = new(() => CategoryTaxonomy.Parse(TaxonomyFile.Value.GetProperty("duties")));

    /// <summary>
    /// One script host for the process tests. Its wall-clock timeout is raised from 100 ms: a first
    /// run on a cold engine under a parallel test load can pass that, and timing is not what these
    /// tests check. The other limits stay at their defaults.
    /// </summary>
    public static JintScriptHost Host { get; } = new(new ScriptLimits { Timeout = TimeSpan.FromSeconds(5) });

    public static string Directory => Path.Combine(ValidationTestSupport.RepoRoot(), "workflows");

    /// <summary>The definition files of the library (data such as the taxonomy left out).</summary>
    public static IEnumerable<string> DefinitionFiles() =>
        System.IO.Directory.GetFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Where(f => !DefinitionSchemaTests.IsLibraryData(Directory, f))
            .Select(f => Path.GetRelativePath(Directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads <c>workflows/{file}</c> as a published version 1 (version and content hash stamped as on publish).</summary>
    public static WorkflowDefinition Load(string file)
    {
        var draft = DefinitionJson.Parse(File.ReadAllText(Path.Combine(Directory, file)));
        return draft with { Version = 1, ContentHash = DefinitionHasher.Hash(draft) };
    }

    public static JsonElement TaxonomyJson => TaxonomyFile.Value;

    public static CategoryTaxonomy Taxonomy => ParsedTaxonomy.Value;
}
