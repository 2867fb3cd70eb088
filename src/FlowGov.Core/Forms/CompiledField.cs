using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlowGov.Core.Forms.Attachments;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>A field with its scripts prepared, its pattern compiled and its bounds read once.</summary>
internal sealed class CompiledField
{
    public CompiledField(FieldDefinition definition, int index, string path, IScriptHost host)
    {
        Definition = definition;
        Index = index;
        Key = definition.Key;
        Path = path;
        Kind = definition.Kind;
        Label = definition.Label;
        VisibleWhen = FormScript.Prepare(host, definition.VisibleWhen, "visibleWhen");
        RequiredWhen = FormScript.Prepare(host, definition.RequiredWhen, "requiredWhen");
        ReadOnlyWhen = FormScript.Prepare(host, definition.ReadOnlyWhen, "readOnlyWhen");
        Compute = FormScript.Prepare(host, definition.Compute, "compute");
        Validate = FormScript.Prepare(host, definition.Validate, "validate");
        OptionsScript = FormScript.Prepare(host, definition.OptionsScript, "options");
        if (definition.Pattern is not null && FieldKinds.IsString(Kind))
        {
            try
            {
                Pattern = new Regex("^(?:" + definition.Pattern + ")$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            }
            catch (ArgumentException)
            {
                // Reported by FormDefinitionValidator; a form that is run anyway ignores the rule.
            }
        }

        if (definition.Options is not null)
        {
            StaticOptionValues = new HashSet<string>(definition.Options.Select(o => o.Value), StringComparer.Ordinal);
        }

        if (FieldKinds.IsNumeric(Kind))
        {
            MinNumber = definition.Min is { ValueKind: JsonValueKind.Number } mn && mn.TryGetDecimal(out var a) ? a : Kind == FieldKind.Rating ? 1 : null;
            MaxNumber = definition.Max is { ValueKind: JsonValueKind.Number } mx && mx.TryGetDecimal(out var b) ? b : Kind == FieldKind.Rating ? 5 : null;
        }
        else if (Kind is FieldKind.Date or FieldKind.Datetime)
        {
            MinText = definition.Min is { ValueKind: JsonValueKind.String } mn ? mn.GetString() : null;
            MaxText = definition.Max is { ValueKind: JsonValueKind.String } mx ? mx.GetString() : null;
        }

        if (FieldKinds.IsAttachment(Kind))
        {
            Limits = AttachmentLimits.For(definition);
            MaxCount = definition.MaxCount ?? (Kind == FieldKind.Photo ? AttachmentLimits.DefaultPhotoMaxCount : AttachmentLimits.DefaultFileMaxCount);
        }
        else
        {
            MaxCount = definition.MaxCount;
        }

        if (definition.Fields is { } children)
        {
            Children = [.. children.Select((c, i) => new CompiledField(c, i, path + "." + c.Key, host))];
            ChildrenByKey = Children.ToDictionary(c => c.Key, StringComparer.Ordinal);
            HasRowScripts = Children.Any(c => c.Definition.HasScripts);
        }

        HasScripts = definition.HasScripts;
    }

    public FieldDefinition Definition { get; }

    public int Index { get; }

    public string Key { get; }

    /// <summary>Definition path: <c>phone</c> or <c>parties.phone</c> (rows add their index when run).</summary>
    public string Path { get; }

    public FieldKind Kind { get; }

    public string Label { get; }

    public FormScript? VisibleWhen { get; }

    public FormScript? RequiredWhen { get; }

    public FormScript? ReadOnlyWhen { get; }

    public FormScript? Compute { get; }

    public FormScript? Validate { get; }

    public FormScript? OptionsScript { get; }

    public Regex? Pattern { get; }

    public HashSet<string>? StaticOptionValues { get; }

    public decimal? MinNumber { get; }

    public decimal? MaxNumber { get; }

    public string? MinText { get; }

    public string? MaxText { get; }

    public AttachmentLimits? Limits { get; }

    public int? MaxCount { get; }

    public CompiledField[] Children { get; } = [];

    public Dictionary<string, CompiledField>? ChildrenByKey { get; }

    public bool HasRowScripts { get; }

    public bool HasScripts { get; }

    public string MinArg => MinNumber?.ToString(CultureInfo.InvariantCulture) ?? MinText ?? "";

    public string MaxArg => MaxNumber?.ToString(CultureInfo.InvariantCulture) ?? MaxText ?? "";

    public IEnumerable<FormScript> Scripts =>
        new[] { VisibleWhen, RequiredWhen, ReadOnlyWhen, Compute, Validate, OptionsScript }.OfType<FormScript>();
}
