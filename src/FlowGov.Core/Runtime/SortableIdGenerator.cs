using System.Security.Cryptography;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Production ids: 26 Crockford-base32 characters, 48 bits of milliseconds then 80 random bits
/// (the ULID layout), so ids sort by creation time and index well.
/// </summary>
public sealed class SortableIdGenerator(TimeProvider clock) : IIdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RandomBytesPerId = 10;

    // The random bits come from the OS's generator a pool at a time: the runtime makes a system call
    // per request, and an advance asks for several ids (ADR 0046 counts the calls). Each byte is
    // used once, by the thread that drew it.
    private const int PoolSize = RandomBytesPerId * 64;

    [ThreadStatic]
    private static byte[]? t_pool;

    [ThreadStatic]
    private static int t_left;

    public string NewId()
    {
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var pool = t_pool ??= new byte[PoolSize];
        if (t_left < RandomBytesPerId)
        {
            RandomNumberGenerator.Fill(pool);
            t_left = PoolSize;
        }

        var random = pool.AsSpan(PoolSize - t_left, RandomBytesPerId);
        t_left -= RandomBytesPerId;
        ulong hi = 0;
        ulong lo = 0;
        for (var i = 0; i < 5; i++)
        {
            hi = (hi << 8) | random[i];
            lo = (lo << 8) | random[i + 5];
        }

        return string.Create(26, (ms, hi, lo), static (span, s) =>
        {
            Encode(span[..10], (ulong)s.ms);
            Encode(span.Slice(10, 8), s.hi);
            Encode(span.Slice(18, 8), s.lo);
        });
    }

    /// <summary>The low 5 × <c>span.Length</c> bits of <paramref name="bits"/>, most significant first.</summary>
    private static void Encode(Span<char> span, ulong bits)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
    }
}
