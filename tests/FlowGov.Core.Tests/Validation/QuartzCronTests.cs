using FlowGov.Core.Validation;

namespace FlowGov.Core.Tests.Validation;

public sealed class QuartzCronTests
{
    [Theory]
    [InlineData("0 0 9 ? * MON-FRI")]
    [InlineData("0 0/15 8-18 ? * 2-6")]
    [InlineData("0 30 8 1 * ?")]
    [InlineData("*/30 * * * * ?")]
    [InlineData("0 0 12 L * ?")]
    [InlineData("0 0 12 L-3 * ?")]
    [InlineData("0 0 12 LW * ?")]
    [InlineData("0 0 12 15W * ?")]
    [InlineData("0 0 10 ? * 6L")]
    [InlineData("0 0 10 ? * FRI#3")]
    [InlineData("0 0 10 ? * L")]
    [InlineData("0 0 10 ? JAN,JUL,DEC MON")]
    [InlineData("0 0 22-2 ? * sun-sat")]
    [InlineData("0 0 9 1 1 ? 2027")]
    [InlineData("0 0 9 1 1 ? 2026-2030/2")]
    [InlineData("  0 0 9   ? * MON  ")]
    public void Check_ValidQuartzExpression_ReturnsNull(string cron)
    {
        Assert.Null(QuartzCron.Check(cron));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0 9 * * *", "6 or 7 fields")]
    [InlineData("0 0 9 ? * MON 2027 x", "6 or 7 fields")]
    [InlineData("60 0 9 ? * MON", "Field 1 (seconds)")]
    [InlineData("0 0/0 9 ? * MON", "Field 2 (minutes)")]
    [InlineData("0 0 24 ? * MON", "Field 3 (hours)")]
    [InlineData("0 0 9 32 * ?", "Field 4 (day-of-month)")]
    [InlineData("0 0 9 L-31 * ?", "Field 4 (day-of-month)")]
    [InlineData("0 0 9 1,L * ?", "Field 4 (day-of-month)")]
    [InlineData("0 0 9 ? JAM MON", "Field 5 (month)")]
    [InlineData("0 0 9 ? 13 MON", "Field 5 (month)")]
    [InlineData("0 0 9 ? * MON#6", "Field 6 (day-of-week)")]
    [InlineData("0 0 9 ? * 8", "Field 6 (day-of-week)")]
    [InlineData("0 0 9 ? * MONDAY", "Field 6 (day-of-week)")]
    [InlineData("0 0 9 ? * MON 1969", "Field 7 (year)")]
    [InlineData("? 0 9 1 * ?", "Field 1 (seconds)")]
    [InlineData("0 0 9 1 * MON", "exactly one of them")]
    [InlineData("0 0 9 ? * ?", "exactly one of them")]
    [InlineData("0 0 9 * * *", "exactly one of them")]
    [InlineData("0 0 9,,10 ? * MON", "Field 3 (hours)")]
    public void Check_InvalidExpression_NamesTheWrongField(string cron, string expected)
    {
        var error = QuartzCron.Check(cron);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
