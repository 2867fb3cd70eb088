using System.Collections.Concurrent;
using FlowGov.Core.Runtime;
using FlowGov.Core.Time;

namespace FlowGov.Core.Tests.Runtime;

public sealed class SortableIdGeneratorTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void NewId_StartsWithItsMillisecondAndSortsByTime()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        var ids = new SortableIdGenerator(clock);
        var earlier = ids.NewId();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var later = ids.NewId();

        Assert.Equal(clock.GetUtcNow().ToUnixTimeMilliseconds(), Decode(later[..10]));
        Assert.Equal(Decode(later[..10]) - 1, Decode(earlier[..10]));
        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.All(new[] { earlier, later }, id =>
        {
            Assert.Equal(26, id.Length);
            Assert.All(id, c => Assert.Contains(c, Alphabet));
        });
    }

    [Fact]
    public void NewId_InTheSameMillisecondOnManyThreads_NeverRepeatsItsRandomPart()
    {
        // The random bits are drawn a pool at a time per thread; no byte may serve two ids.
        var ids = new SortableIdGenerator(new ManualClock(DateTimeOffset.UnixEpoch));
        var seen = new ConcurrentDictionary<string, byte>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 5000; i++)
            {
                Assert.True(seen.TryAdd(ids.NewId()[10..], 0));
            }
        });

        Assert.Equal(40_000, seen.Count);
        // 80 random bits: every character position takes many values, none stuck at the pool's zeroes.
        for (var position = 0; position < 16; position++)
        {
            Assert.True(seen.Keys.Select(k => k[position]).Distinct().Count() > 16, $"position {position}");
        }
    }

    private static long Decode(string base32) => base32.Aggregate(0L, (value, c) => (value << 5) | (long)Alphabet.IndexOf(c, StringComparison.Ordinal));
}
