using System.Security.Cryptography;

namespace FlowGov.Core.Runtime;

/// <summary>
/// Production ids: 26 Crockford-base32 characters, 48 bits of milliseconds then 80 random bits
/// (the ULID layout), so ids sort by creation time and index well.
/// </summary>
public sealed class SortableIdGenerator(TimeProvider clock) : IIdGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public string NewId()
    {
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        return string.Create(26, (ms, r: Convert.ToHexString(random)), static (span, s) =>
        {
            var t = s.ms;
            for (var i = 9; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(t & 31)];
                t >>= 5;
            }

            var bits = Convert.FromHexString(s.r);
            ulong hi = 0;
            for (var i = 0; i < 5; i++)
            {
                hi = (hi << 8) | bits[i];
            }

            ulong lo = 0;
            for (var i = 5; i < 10; i++)
            {
                lo = (lo << 8) | bits[i];
            }

            for (var i = 17; i >= 10; i--)
            {
                span[i] = Alphabet[(int)(hi & 31)];
                hi >>= 5;
            }

            for (var i = 25; i >= 18; i--)
            {
                span[i] = Alphabet[(int)(lo & 31)];
                lo >>= 5;
            }
        });
    }
}
