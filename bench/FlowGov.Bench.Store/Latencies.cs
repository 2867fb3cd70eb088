using System.Diagnostics;
using System.Globalization;

namespace FlowGov.Bench.Store;

/// <summary>Per-operation latencies (ms) and their percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _ms = [];

    public int Count => _ms.Count;

    public async Task<T> TimeAsync<T>(Func<Task<T>> op)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await op();
        _ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    public void Merge(Latencies other) => _ms.AddRange(other._ms);

    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{P50:0.00} / {P99:0.00}");
}
