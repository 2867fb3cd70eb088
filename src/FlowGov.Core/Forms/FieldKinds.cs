namespace FlowGov.Core.Forms;

/// <summary>The JSON names of <see cref="FieldKind"/> (lower case, as written in a form definition) and what each kind holds.</summary>
public static class FieldKinds
{
    private static readonly Dictionary<string, FieldKind> ByName = new(StringComparer.Ordinal)
    {
        ["text"] = FieldKind.Text,
        ["textarea"] = FieldKind.Textarea,
        ["number"] = FieldKind.Number,
        ["integer"] = FieldKind.Integer,
        ["money"] = FieldKind.Money,
        ["date"] = FieldKind.Date,
        ["datetime"] = FieldKind.Datetime,
        ["select"] = FieldKind.Select,
        ["radio"] = FieldKind.Radio,
        ["checkboxes"] = FieldKind.Checkboxes,
        ["multiselect"] = FieldKind.Multiselect,
        ["boolean"] = FieldKind.Boolean,
        ["mobile"] = FieldKind.Mobile,
        ["idcard"] = FieldKind.Idcard,
        ["email"] = FieldKind.Email,
        ["rating"] = FieldKind.Rating,
        ["photo"] = FieldKind.Photo,
        ["file"] = FieldKind.File,
        ["location"] = FieldKind.Location,
        ["person"] = FieldKind.Person,
        ["orgunit"] = FieldKind.Orgunit,
        ["category"] = FieldKind.Category,
        ["group"] = FieldKind.Group,
        ["info"] = FieldKind.Info,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string name, out FieldKind kind) => ByName.TryGetValue(name, out kind);

    public static string ToName(FieldKind kind) => kind switch
    {
        FieldKind.Textarea => "textarea",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Kinds whose value is chosen from options.</summary>
    public static bool HasOptions(FieldKind kind) =>
        kind is FieldKind.Select or FieldKind.Radio or FieldKind.Checkboxes or FieldKind.Multiselect;

    /// <summary>Kinds whose value is a JSON array (counted by minCount/maxCount).</summary>
    public static bool IsList(FieldKind kind) =>
        kind is FieldKind.Checkboxes or FieldKind.Multiselect or FieldKind.Photo or FieldKind.File;

    public static bool IsNumeric(FieldKind kind) =>
        kind is FieldKind.Number or FieldKind.Integer or FieldKind.Money or FieldKind.Rating;

    public static bool IsAttachment(FieldKind kind) => kind is FieldKind.Photo or FieldKind.File;

    /// <summary>Kinds whose value is a plain string (minLength, maxLength and pattern apply).</summary>
    public static bool IsString(FieldKind kind) =>
        kind is FieldKind.Text or FieldKind.Textarea or FieldKind.Mobile or FieldKind.Idcard or FieldKind.Email
            or FieldKind.Person or FieldKind.Orgunit or FieldKind.Category;
}
