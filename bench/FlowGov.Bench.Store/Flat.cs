using System.Globalization;

namespace FlowGov.Bench.Store;

/// <summary>A flatness figure: the median over alternating rounds of each round's p50 and p99 (ms).</summary>
internal readonly record struct Flat(double P50, double P99)
{
    public static (Flat Start, Flat Resume, Flat Inbox) Of(IReadOnlyList<(Latencies Start, Latencies Resume, Latencies Inbox)> rounds) =>
        (Median(rounds.Select(r => r.Start)), Median(rounds.Select(r => r.Resume)), Median(rounds.Select(r => r.Inbox)));

    public static string Ratio(Flat a, Flat b) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.P50 / b.P50:0.00}× / {a.P99 / b.P99:0.00}×");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{P50:0.00} / {P99:0.00}");

    private static Flat Median(IEnumerable<Latencies> rounds)
    {
        var list = rounds.ToList();
        return new Flat(MedianOf(list.Select(l => l.P50)), MedianOf(list.Select(l => l.P99)));
    }

    private static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
