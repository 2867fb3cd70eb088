using System.Globalization;

namespace FlowGov.Core.Runtime;

/// <summary>Deterministic ids (<c>prefix1</c>, <c>prefix2</c> …) for tests and reproducible runs.</summary>
public sealed class SequentialIdGenerator(string prefix = "") : IIdGenerator
{
    private long _next;

    public string NewId() => prefix + Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
}
