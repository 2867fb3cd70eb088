using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// A form definition ready to run: every script prepared once on the engine's script host, every
/// pattern compiled, fields indexed by key. Immutable and safe to share between threads; get one
/// from <see cref="FormCatalog"/> (cached per definition version) or <see cref="Compile"/>.
/// </summary>
public sealed class CompiledForm
{
    private CompiledForm(FormDefinition definition, IScriptHost host)
    {
        Definition = definition;
        Host = host;
        Fields = [.. definition.AllFields.Select((f, i) => new CompiledField(f, i, f.Key, host))];
        FieldsByKey = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        FormValidate = FormScript.Prepare(host, definition.Validate, "validate");
        ActionsByKey = definition.Actions.ToDictionary(a => a.Key, StringComparer.Ordinal);
    }

    public FormDefinition Definition { get; }

    public IScriptHost Host { get; }

    internal CompiledField[] Fields { get; }

    internal Dictionary<string, CompiledField> FieldsByKey { get; }

    internal FormScript? FormValidate { get; }

    internal Dictionary<string, FormAction> ActionsByKey { get; }

    public static CompiledForm Compile(FormDefinition definition, IScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(host);
        return new CompiledForm(definition, host);
    }
}
