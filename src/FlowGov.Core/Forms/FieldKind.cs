namespace FlowGov.Core.Forms;

/// <summary>The kind of a form field; each kind has its own server-side parsing and errors (see docs/form-format.md).</summary>
public enum FieldKind
{
    Text,
    Textarea,
    Number,
    Integer,
    Money,
    Date,
    Datetime,
    Select,
    Radio,
    Checkboxes,
    Multiselect,
    Boolean,
    Mobile,
    Idcard,
    Email,
    Rating,
    Photo,
    File,
    Location,
    Person,
    Orgunit,
    Category,
    Group,
    Info,
}
