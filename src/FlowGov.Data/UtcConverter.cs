using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlowGov.Data;

/// <summary>PostgreSQL: timestamptz accepts only UTC offsets; values with other offsets are normalised first.</summary>
public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
