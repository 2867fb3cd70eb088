using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using FlowGov.Core.Validation;

namespace FlowGov.Core.Definitions;

/// <summary>
/// Reads and writes definitions in their file format (camelCase JSON, see
/// <c>docs/definition-format.md</c>) through the source-generated <see cref="EngineJson"/> context.
/// </summary>
public static class DefinitionJson
{
    private static readonly JsonTypeInfo<WorkflowDefinition> Indented = (JsonTypeInfo<WorkflowDefinition>)new JsonSerializerOptions(EngineJson.Default.Options)
    {
        WriteIndented = true,
        // Chinese names stay readable in the files designers and reviewers diff; HTML-sensitive characters are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    }.GetTypeInfo(typeof(WorkflowDefinition));

    /// <summary>Parses a definition; malformed JSON throws <see cref="DefinitionParseException"/> with the line and column.</summary>
    public static WorkflowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        WorkflowDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize(json, EngineJson.Default.WorkflowDefinition);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : (int?)null;
            var column = ex.LineNumber is { } ln && ex.BytePositionInLine is { } bytes ? Column(json, (int)ln, (int)bytes) : (int?)null;
            throw new DefinitionParseException(
                new DefinitionProblem("invalid-json", Describe(ex)) { Line = line, Column = column, Path = string.IsNullOrEmpty(ex.Path) ? null : ex.Path }, ex);
        }

        if (definition is null)
        {
            throw new DefinitionParseException(new DefinitionProblem("invalid-json", "The document is null; a definition is a JSON object.") { Line = 1, Column = 1 });
        }

        RejectNulls(definition);
        return definition;
    }

    /// <summary>Writes a definition as indented JSON (nulls omitted).</summary>
    public static string Serialize(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Indented);

    private static string Describe(JsonException ex)
    {
        // The serializer appends its own position ("Path: $.x | LineNumber: 3 | BytePositionInLine: 7."); we report ours.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>1-based character column from the serializer's 0-based byte offset in the line (Chinese text is 3 bytes a character in UTF-8).</summary>
    private static int Column(string json, int lineIndex, int bytesInLine)
    {
        var lines = json.Split('\n');
        if (lineIndex >= lines.Length)
        {
            return bytesInLine + 1;
        }

        var bytes = Encoding.UTF8.GetBytes(lines[lineIndex]);
        return Encoding.UTF8.GetCharCount(bytes, 0, Math.Min(bytesInLine, bytes.Length)) + 1;
    }

    /// <summary>
    /// System.Text.Json does not enforce non-nullable references, so <c>[null]</c> in a list would
    /// reach the compiler as a null activity or connection; that is a format error.
    /// </summary>
    private static void RejectNulls(WorkflowDefinition d)
    {
        static void Check(bool isNull, string path)
        {
            if (isNull)
            {
                throw new DefinitionParseException(new DefinitionProblem("invalid-json", $"'{path}' must not be null.") { Path = path });
            }
        }

        for (var i = 0; i < d.Variables.Count; i++)
        {
            Check(d.Variables[i] is null, $"variables[{i}]");
        }

        for (var i = 0; i < d.Activities.Count; i++)
        {
            Check(d.Activities[i] is null, $"activities[{i}]");
        }

        for (var i = 0; i < d.Connections.Count; i++)
        {
            Check(d.Connections[i] is null, $"connections[{i}]");
        }

        for (var i = 0; i < d.Triggers.Count; i++)
        {
            Check(d.Triggers[i] is null, $"triggers[{i}]");
        }
    }
}
