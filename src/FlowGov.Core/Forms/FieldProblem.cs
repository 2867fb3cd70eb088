namespace FlowGov.Core.Forms;

/// <summary>A message key with up to two arguments besides the label; turned into a <see cref="FormError"/> once the path is known.</summary>
internal readonly record struct FieldProblem(string Key, string? Name1 = null, string? Value1 = null, string? Name2 = null, string? Value2 = null)
{
    public FormError ToError(string path, string label)
    {
        if (Name2 is not null)
        {
            return FormMessages.Error(path, Key, ("label", label), (Name1!, Value1 ?? ""), (Name2, Value2 ?? ""));
        }

        return Name1 is not null
            ? FormMessages.Error(path, Key, ("label", label), (Name1, Value1 ?? ""))
            : FormMessages.Error(path, Key, ("label", label));
    }
}
