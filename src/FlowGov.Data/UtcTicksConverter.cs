using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace FlowGov.Data;

/// <summary>SQLite: a point in time as UTC ticks (INTEGER), so comparisons and ORDER BY work in SQL.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
