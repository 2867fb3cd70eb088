using System.Globalization;
using FlowGov.Core.Forms;

namespace FlowGov.Server.Attachments;

/// <summary>Finds the field a field path (<c>photos</c>, <c>parties[1].evidence</c>) names in a form definition.</summary>
public static class AttachmentFields
{
    /// <summary>The field at <paramref name="path"/>, or null when the form has none there.</summary>
    public static FieldDefinition? Find(FormDefinition form, string path)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(path);
        IEnumerable<FieldDefinition>? level = form.AllFields;
        FieldDefinition? found = null;
        foreach (var segment in path.Split('.'))
        {
            var key = KeyOf(segment);
            if (key is null || level is null)
            {
                return null;
            }

            found = level.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.Ordinal));
            if (found is null)
            {
                return null;
            }

            level = found.Fields;
        }

        return found;
    }

    /// <summary><c>evidence</c> → <c>evidence</c>; <c>parties[1]</c> → <c>parties</c>; anything else → null.</summary>
    private static string? KeyOf(string segment)
    {
        var open = segment.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            return segment.Length == 0 ? null : segment;
        }

        if (open == 0 || !segment.EndsWith(']')
            || !int.TryParse(segment.AsSpan(open + 1, segment.Length - open - 2), NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        return segment[..open];
    }
}
