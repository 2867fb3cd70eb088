using FlowGov.Core.Scripting;
using FlowGov.Core.Time;

namespace FlowGov.Core.Tests.Scripting;

public sealed class ScriptHelpersTests
{
    // Friday 2025-04-04 10:00 in Asia/Shanghai.
    private static readonly DateTimeOffset Now = new(2025, 4, 4, 10, 0, 0, TimeSpan.FromHours(8));

    // Holiday on Monday 2025-04-07; Sunday 2025-04-13 is an adjusted working day.
    private static readonly WorkdayCalendar Calendar = new(
        WorkdayCalendar.ChinaStandardTime,
        holidays: [new DateOnly(2025, 4, 7)],
        adjustedWorkdays: [new DateOnly(2025, 4, 13)]);

    private readonly JintScriptHost _host = new(new ScriptLimits { Timeout = TimeSpan.FromSeconds(10) });

    private string Eval(string source, string vars = "{}") =>
        _host.Eval(source, scope: new ScriptScope { Now = Now, Calendar = Calendar, Vars = ScriptTestSupport.Vars(vars) }).Raw();

    [Fact]
    public void Now_ReturnsScopeNowAsIsoUtc() => Assert.Equal("\"2025-04-04T02:00:00.000Z\"", Eval("now()"));

    [Fact]
    public void AddDays_AddsCalendarDaysInDistrictTime() => Assert.Equal("\"2025-04-06T02:00:00.000Z\"", Eval("addDays(now(), 2)"));

    [Fact]
    public void AddHours_AddsHours() => Assert.Equal("\"2025-04-04T05:30:00.000Z\"", Eval("addHours('2025-04-04T10:00:00+08:00', 3.5)"));

    [Fact]
    public void AddWorkdays_SkipsWeekendAndHoliday()
    {
        // Fri + 1 working day: Sat, Sun off, Mon 7th a holiday → Tue 8th, same time of day.
        Assert.Equal("\"2025-04-08T02:00:00.000Z\"", Eval("addWorkdays(now(), 1)"));
    }

    [Fact]
    public void AddWorkdays_CountsAdjustedWorkingSunday()
    {
        // Fri 11th + 1 → Sun 13th (adjusted working day).
        Assert.Equal("\"2025-04-13T02:00:00.000Z\"", Eval("addWorkdays('2025-04-11T10:00:00+08:00', 1)"));
    }

    [Fact]
    public void WorkdaysBetween_UsesCalendar() => // Sat, Sun, holiday Mon, 4 days, Sat, adjusted Sun.

        Assert.Equal("5", Eval("workdaysBetween('2025-04-04', '2025-04-13')"));

    [Fact]
    public void DaysBetween_CountsCalendarDays() => Assert.Equal("9", Eval("daysBetween('2025-04-04', parseDate('2025-04-13'))"));

    [Theory]
    [InlineData("'2025-04-07'", "false")]
    [InlineData("'2025-04-08'", "true")]
    [InlineData("'2025-04-13'", "true")]
    [InlineData("'2025-04-12'", "false")]
    public void IsWorkday_FollowsCalendar(string date, string expected) => Assert.Equal(expected, Eval($"isWorkday({date})"));

    [Fact]
    public void ParseDate_ReturnsJsDate() => Assert.Equal("2025", Eval("parseDate('2025-04-04T10:00:00+08:00').getUTCFullYear()"));

    [Fact]
    public void ParseDate_Invalid_ReturnsNull() => Assert.Equal("null", Eval("parseDate('not a date')"));

    [Fact]
    public void FormatDate_FormatsInDistrictTime()
    {
        Assert.Equal("\"2025-04-04 10:00\"", Eval("formatDate(now())"));
        Assert.Equal("\"2025/04/04\"", Eval("formatDate(now(), 'yyyy/MM/dd')"));
    }

    [Fact]
    public void Sum_AddsNumbersOrKey()
    {
        Assert.Equal("6", Eval("sum([1, 2, 3])"));
        Assert.Equal("350", Eval("sum(vars.claims, 'amount')", """{"claims":[{"amount":100},{"amount":250},{"other":1}]}"""));
    }

    [Fact]
    public void Count_CountsAllOrMatching()
    {
        Assert.Equal("3", Eval("count(vars.parties)", """{"parties":[{"ok":true},{"ok":false},{"ok":true}]}"""));
        Assert.Equal("2", Eval("count(vars.parties, function (p) { return p.ok; })", """{"parties":[{"ok":true},{"ok":false},{"ok":true}]}"""));
    }

    [Fact]
    public void Distance_IsHaversineKilometres()
    {
        // Beijing → Shanghai ≈ 1067 km.
        Assert.Equal("1067", Eval("Math.round(distance(39.9042, 116.4074, 31.2304, 121.4737))"));
    }

    [Fact]
    public void Contains_ChecksArraysAndStrings()
    {
        Assert.Equal("true", Eval("contains(vars.roles, 'mediator')", """{"roles":["clerk","mediator"]}"""));
        Assert.Equal("false", Eval("contains(vars.roles, 'judge')", """{"roles":["clerk","mediator"]}"""));
        Assert.Equal("true", Eval("contains('environment-noise', 'noise')"));
    }

    [Fact]
    public void Helper_BadDate_IsRuntimeError()
    {
        var result = _host.Eval("addWorkdays('soon', 2)");
        Assert.Equal(ScriptErrorKind.Runtime, result.Error?.Kind);
        Assert.Contains("addWorkdays", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Helpers_DoNotExposeClrObjects()
    {
        Assert.Equal("\"function\"", Eval("typeof addWorkdays"));
        Assert.Equal("\"undefined\"", Eval("typeof addWorkdays.Target"));
        Assert.Equal("\"undefined\"", Eval("typeof addWorkdays.Method"));
    }
}
