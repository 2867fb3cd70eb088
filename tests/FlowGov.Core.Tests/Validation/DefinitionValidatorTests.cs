using FlowGov.Core.Definitions;
using static FlowGov.Core.Tests.Validation.ValidationTestSupport;

namespace FlowGov.Core.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    // ---- valid definitions ----------------------------------------------------------------

    [Fact]
    public void Validate_GridEventSample_HasNoProblemsAndCompiles()
    {
        var definition = DefinitionJson.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests/FlowGov.Core.Tests/Validation/Samples/grid-event.json")));

        var report = Validate(definition);

        NoProblems(report);
        Assert.NotNull(report.Compiled);
        Assert.Equal("start", report.Compiled.Start.Id);
    }

    [Fact]
    public void Validate_ForkThenJoinAll_HasNoProblems()
    {
        var report = Validate(
            """
            {"id": "start", "type": "Start"}, {"id": "fork", "type": "Fork"},
            {"id": "a", "type": "Delay", "properties": {"duration": "P1D"}}, {"id": "b", "type": "Delay", "properties": {"duration": "PT2H"}},
            {"id": "join", "type": "Join"}, {"id": "end", "type": "End"}
            """,
            """
            {"from": "start", "to": "fork"}, {"from": "fork", "to": "a"}, {"from": "fork", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """);

        NoProblems(report);
    }

    [Fact]
    public void Validate_PathWithoutOutgoingConnection_IsAllowed()
    {
        var report = Validate("""{"id": "start", "type": "Start"}, {"id": "wait", "type": "Delay", "properties": {"duration": "P1D"}}""", """{"from": "start", "to": "wait"}""");

        NoProblems(report);
    }

    // ---- what the compiler reports comes through, located ---------------------------------

    [Fact]
    public void Validate_UnknownActivityType_NamesActivityAndType()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "x", "type": "Teleport"}""", """{"from": "start", "to": "x"}, {"from": "x", "to": "end"}"""), "unknown-activity-type");

        Assert.Equal(("x", "type"), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_MissingActivityId_NamesItsPath()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "", "type": "End"}""", """{"from": "start", "to": "end"}"""), "missing-id");

        Assert.Equal("activities[2].id", p.Path);
    }

    [Fact]
    public void Validate_DuplicateActivityId_NamesActivity()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "end", "type": "End"}""", """{"from": "start", "to": "end"}"""), "duplicate-id");

        Assert.Equal(("end", "activities[2].id"), (p.ActivityId, p.Path));
    }

    [Fact]
    public void Validate_ConnectionFromMissingActivity_NamesConnectionIndex()
    {
        var p = Single(Validate(StartToEnd, """{"from": "start", "to": "end"}, {"from": "ghost", "to": "end"}"""), "connection-unknown-source");

        Assert.Equal((1, "ghost"), (p.ConnectionIndex, p.ActivityId));
    }

    [Fact]
    public void Validate_ConnectionToMissingActivity_NamesConnectionIndex()
    {
        var p = Single(Validate(StartToEnd, """{"from": "start", "to": "end"}, {"from": "start", "to": "ghost"}"""), "connection-unknown-target");

        Assert.Equal((1, "ghost"), (p.ConnectionIndex, p.ActivityId));
    }

    [Fact]
    public void Validate_UnknownPort_NamesConnectionAndPort()
    {
        var p = Single(Validate(StartToEnd, """{"from": "start", "port": "sideways", "to": "end"}"""), "unknown-port");

        Assert.Equal((0, "start", "port"), (p.ConnectionIndex, p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_NoStart_IsReportedOnActivities()
    {
        var p = Single(Validate("""{"id": "end", "type": "End"}""", ""), "no-start");

        Assert.Equal("activities", p.Path);
    }

    [Fact]
    public void Validate_TwoStarts_NamesTheSecond()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "start2", "type": "Start"}""", """{"from": "start", "to": "end"}, {"from": "start2", "to": "end"}"""), "multiple-starts");

        Assert.Equal("start2", p.ActivityId);
    }

    [Fact]
    public void Validate_ConnectionIntoStart_NamesStart()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "d", "type": "Delay", "properties": {"duration": "P1D"}}""", """{"from": "start", "to": "d"}, {"from": "d", "to": "start"}"""), "start-has-inbound");

        Assert.Equal("start", p.ActivityId);
    }

    [Fact]
    public void Validate_MissingRequiredProperty_NamesActivityAndProperty()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "wait", "type": "Delay"}""", """{"from": "start", "to": "wait"}, {"from": "wait", "to": "end"}"""), "missing-property");

        Assert.Equal(("wait", "duration"), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_BadDuration_NamesActivityAndProperty()
    {
        var p = Single(Validate(StartToEnd + """, {"id": "wait", "type": "Delay", "properties": {"duration": "3 days"}}""", """{"from": "start", "to": "wait"}, {"from": "wait", "to": "end"}"""), "bad-duration");

        Assert.Equal(("wait", "duration"), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_ScriptSyntaxError_NamesActivityPropertyLineAndColumn()
    {
        // Line 2, "var y = ;": the stray ';' is the 9th character.
        var report = Validate(StartToEnd + """, {"id": "calc", "type": "Script", "properties": {"script": "var x = 1;\nvar y = ;\nreturn x;"}}""",
            """{"from": "start", "to": "calc"}, {"from": "calc", "to": "end"}""");

        var p = Single(report, "script-syntax");
        Assert.Equal(("calc", "script", 2, 9), (p.ActivityId, p.Property, p.Line, p.Column));
    }

    [Fact]
    public void Validate_Es6InCondition_ReportsSyntaxAtTheArrow()
    {
        var report = Validate(StartToEnd + """, {"id": "check", "type": "Decision", "properties": {"condition": "vars.list.some(x => x > 1)"}}""",
            """{"from": "start", "to": "check"}, {"from": "check", "port": "true", "to": "end"}""", """ "variables": [{"name": "list", "type": "array"}] """);

        var p = Single(report, "script-syntax");
        Assert.Equal(("check", "condition", 1), (p.ActivityId, p.Property, p.Line));
        Assert.NotNull(p.Column);
    }

    [Fact]
    public void Validate_UnknownForm_NamesFormKeyOnce()
    {
        var report = Validate(StartToEnd + """, {"id": "task", "type": "UserTask", "properties": {"formKey": "nope"}}""",
            """{"from": "start", "to": "task"}, {"from": "task", "port": "submit", "to": "end"}""");

        var p = Single(report, "unknown-form");
        Assert.Equal(("task", "formKey"), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_SwitchCasesWithSamePort_ReportsDuplicatePortOnce()
    {
        var report = Validate(StartToEnd + """
            , {"id": "route", "type": "Switch", "properties": {"cases": [
                {"port": "street", "condition": "vars.level === 'street'"},
                {"port": "street", "condition": "vars.level === 'district'"}]}}
            """, """{"from": "start", "to": "route"}, {"from": "route", "port": "street", "to": "end"}, {"from": "route", "port": "default", "to": "end"}""",
            """ "variables": [{"name": "level", "type": "string"}] """);

        var p = Single(report, "duplicate-port");
        Assert.Equal(("route", "cases[1]"), (p.ActivityId, p.Property));
    }

    // ---- definition header -----------------------------------------------------------------

    [Theory]
    [InlineData("", "missing-key")]
    [InlineData("GridEvent", "bad-key")]
    [InlineData("网格事件", "bad-key")]
    [InlineData("1-event", "bad-key")]
    [InlineData("grid_event", "bad-key")]
    public void Validate_KeyMissingOrNotEnglishIdentifier_ReportsKey(string key, string code)
    {
        var definition = Flow(StartToEnd, """{"from": "start", "to": "end"}""") with { Key = key };

        Assert.Equal("key", Single(Validate(definition), code).Path);
    }

    [Fact]
    public void Validate_NameMissing_ReportsName()
    {
        var definition = Flow(StartToEnd, """{"from": "start", "to": "end"}""") with { Name = " " };

        Assert.Equal("name", Single(Validate(definition), "missing-name").Path);
    }

    // ---- variables -------------------------------------------------------------------------

    [Fact]
    public void Validate_DuplicateVariable_NamesSecondDeclaration()
    {
        var report = Validate(StartToEnd, """{"from": "start", "to": "end"}""", """ "variables": [{"name": "level"}, {"name": "score"}, {"name": "level"}] """);

        Assert.Equal("variables[2].name", Single(report, "duplicate-variable").Path);
    }

    [Theory]
    [InlineData("case-no")]
    [InlineData("2nd")]
    [InlineData("default")]
    [InlineData("has space")]
    public void Validate_VariableNameNotJsIdentifier_NamesVariable(string name)
    {
        var report = Validate(StartToEnd, """{"from": "start", "to": "end"}""", $$""" "variables": [{"name": "ok"}, {"name": "{{name}}"}] """);

        Assert.Equal("variables[1].name", Single(report, "bad-variable-name").Path);
    }

    [Theory]
    [InlineData("caseNo")]
    [InlineData("_tmp")]
    [InlineData("$ref")]
    [InlineData("事件等级")]
    public void Validate_VariableNameJsIdentifier_IsAccepted(string name)
    {
        NoProblems(Validate(StartToEnd, """{"from": "start", "to": "end"}""", $$""" "variables": [{"name": "{{name}}"}] """));
    }

    [Fact]
    public void Validate_VariableWithoutName_NamesItsPath()
    {
        var report = Validate(StartToEnd, """{"from": "start", "to": "end"}""", """ "variables": [{"name": ""}] """);

        Assert.Equal("variables[0].name", Single(report, "missing-variable-name").Path);
    }

    [Fact]
    public void Validate_UnknownVariableType_NamesItsPath()
    {
        var report = Validate(StartToEnd, """{"from": "start", "to": "end"}""", """ "variables": [{"name": "n", "type": "integer"}] """);

        Assert.Equal("variables[0].type", Single(report, "bad-variable-type").Path);
    }

    [Theory]
    [InlineData("""{"id": "x", "type": "SetVariable", "properties": {"variable": "missing", "value": 1}}""", "variable")]
    [InlineData("""{"id": "x", "type": "SubProcess", "properties": {"definition": "child", "outputVariable": "missing"}}""", "outputVariable")]
    [InlineData("""{"id": "x", "type": "Script", "properties": {"script": "return 1;", "resultVariable": "missing"}}""", "resultVariable")]
    [InlineData("""{"id": "x", "type": "WaitSignal", "properties": {"signal": "paid", "resultVariable": "missing"}}""", "resultVariable")]
    public void Validate_VariablePropertyNamesUndeclaredVariable_NamesActivityAndProperty(string activity, string property)
    {
        var report = Validate(StartToEnd + ", " + activity, """{"from": "start", "to": "x"}, {"from": "x", "to": "end"}""", """ "variables": [{"name": "declared"}] """);

        var p = Single(report, "undeclared-variable");
        Assert.Equal(("x", property), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_UserTaskOutputVariableUndeclared_NamesProperty()
    {
        var report = Validate(StartToEnd + """, {"id": "task", "type": "UserTask", "properties": {"outputVariable": "answer"}}""",
            """{"from": "start", "to": "task"}, {"from": "task", "port": "submit", "to": "end"}""");

        var p = Single(report, "undeclared-variable");
        Assert.Equal(("task", "outputVariable"), (p.ActivityId, p.Property));
    }

    [Fact]
    public void Validate_MisspelledProperty_ReportsUnknownProperty()
    {
        var report = Validate(StartToEnd + """, {"id": "task", "type": "UserTask", "properties": {"formkey": "report"}}""",
            """{"from": "start", "to": "task"}, {"from": "task", "port": "submit", "to": "end"}""");

        var p = Single(report, "unknown-property");
        Assert.Equal(("task", "formkey"), (p.ActivityId, p.Property));
    }

    // ---- graph -----------------------------------------------------------------------------

    [Fact]
    public void Validate_ActivityNotReachableFromStart_ReportsUnreachable()
    {
        var report = Validate(StartToEnd + """, {"id": "island", "type": "Delay", "properties": {"duration": "P1D"}}""",
            """{"from": "start", "to": "end"}, {"from": "island", "to": "end"}""");

        Assert.Equal("island", Single(report, "unreachable").ActivityId);
    }

    [Fact]
    public void Validate_JoinAllWithOneInput_ReportsJoinSingleInput()
    {
        var report = Validate(StartToEnd + """, {"id": "join", "type": "Join", "properties": {"mode": "all"}}""",
            """{"from": "start", "to": "join"}, {"from": "join", "to": "end"}""");

        Assert.Equal("join", Single(report, "join-single-input").ActivityId);
    }

    [Fact]
    public void Validate_JoinCountAboveInputs_ReportsCount()
    {
        var report = Validate(StartToEnd + """
            , {"id": "fork", "type": "Fork"}, {"id": "a", "type": "Delay", "properties": {"duration": "P1D"}},
            {"id": "b", "type": "Delay", "properties": {"duration": "P2D"}}, {"id": "join", "type": "Join", "properties": {"mode": "count", "count": 3}}
            """, """
            {"from": "start", "to": "fork"}, {"from": "fork", "to": "a"}, {"from": "fork", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """);

        var p = Single(report, "join-count-exceeds-inputs");
        Assert.Equal(("join", "count"), (p.ActivityId, p.Property));
    }

    private const string DecisionIntoJoin = """
        {"id": "start", "type": "Start"}, {"id": "check", "type": "Decision", "properties": {"condition": "vars.big"}},
        {"id": "a", "type": "Delay", "properties": {"duration": "P1D"}}, {"id": "b", "type": "Delay", "properties": {"duration": "P2D"}},
        {"id": "join", "type": "Join"}, {"id": "end", "type": "End"}
        """;

    private const string BigVariable = """ "variables": [{"name": "big", "type": "boolean"}] """;

    [Fact]
    public void Validate_JoinAllAfterDecisionBranches_ReportsExclusiveInputs()
    {
        var report = Validate(DecisionIntoJoin, """
            {"from": "start", "to": "check"}, {"from": "check", "port": "true", "to": "a"}, {"from": "check", "port": "false", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """, BigVariable);

        var p = Single(report, "join-exclusive-inputs");
        Assert.Equal("join", p.ActivityId);
        Assert.Contains("'check'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_JoinAllAfterFirstMatchSwitch_ReportsExclusiveInputs()
    {
        var report = Validate("""
            {"id": "start", "type": "Start"},
            {"id": "route", "type": "Switch", "properties": {"cases": [{"port": "street", "condition": "vars.big"}]}},
            {"id": "join", "type": "Join", "properties": {"mode": "all"}}, {"id": "end", "type": "End"}
            """, """
            {"from": "start", "to": "route"}, {"from": "route", "port": "street", "to": "join"}, {"from": "route", "port": "default", "to": "join"},
            {"from": "join", "to": "end"}
            """, BigVariable);

        Assert.Equal("join", Single(report, "join-exclusive-inputs").ActivityId);
    }

    [Fact]
    public void Validate_JoinAllAfterSwitchModeAll_HasNoProblems()
    {
        var report = Validate("""
            {"id": "start", "type": "Start"},
            {"id": "route", "type": "Switch", "properties": {"mode": "all", "cases": [{"port": "x", "condition": "vars.big"}, {"port": "y", "condition": "true"}]}},
            {"id": "join", "type": "Join"}, {"id": "end", "type": "End"}
            """, """
            {"from": "start", "to": "route"}, {"from": "route", "port": "x", "to": "join"}, {"from": "route", "port": "y", "to": "join"},
            {"from": "join", "to": "end"}
            """, BigVariable);

        NoProblems(report);
    }

    [Fact]
    public void Validate_JoinAnyAfterDecisionBranches_HasNoProblems()
    {
        var report = Validate(DecisionIntoJoin.Replace("\"type\": \"Join\"", "\"type\": \"Join\", \"properties\": {\"mode\": \"any\"}", StringComparison.Ordinal), """
            {"from": "start", "to": "check"}, {"from": "check", "port": "true", "to": "a"}, {"from": "check", "port": "false", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """, BigVariable);

        NoProblems(report);
    }

    [Fact]
    public void Validate_DecisionReachedByTwoForkBranches_IsNotExclusive()
    {
        // Both fork branches pass the decision, so one token may go 'true' and the other 'false'.
        var report = Validate(DecisionIntoJoin + """
            , {"id": "fork", "type": "Fork"}, {"id": "p", "type": "Delay", "properties": {"duration": "P1D"}}, {"id": "q", "type": "Delay", "properties": {"duration": "P1D"}}
            """, """
            {"from": "start", "to": "fork"}, {"from": "fork", "to": "p"}, {"from": "fork", "to": "q"}, {"from": "p", "to": "check"}, {"from": "q", "to": "check"},
            {"from": "check", "port": "true", "to": "a"}, {"from": "check", "port": "false", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """, BigVariable);

        NoProblems(report);
    }

    [Fact]
    public void Validate_DecisionOnLoop_IsNotExclusive()
    {
        // The decision runs again on every round, so both branches can arrive over time.
        var report = Validate(DecisionIntoJoin, """
            {"from": "start", "to": "check"}, {"from": "check", "port": "true", "to": "a"}, {"from": "check", "port": "false", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "b", "to": "check"}, {"from": "join", "to": "end"}
            """, BigVariable);

        NoProblems(report);
    }

    [Fact]
    public void Validate_ForkAfterDecisionBranch_StillReportsExclusiveInputs()
    {
        // A fork on one branch does not make the other branch run.
        var report = Validate(DecisionIntoJoin + """, {"id": "fork", "type": "Fork"}""", """
            {"from": "start", "to": "check"}, {"from": "check", "port": "true", "to": "fork"}, {"from": "fork", "to": "a"}, {"from": "check", "port": "false", "to": "b"},
            {"from": "a", "to": "join"}, {"from": "b", "to": "join"}, {"from": "join", "to": "end"}
            """, BigVariable);

        Assert.Equal("join", Single(report, "join-exclusive-inputs").ActivityId);
    }

    [Fact]
    public void Validate_UserTaskOutcomeAndWarningIntoJoin_IsNotExclusive()
    {
        var report = Validate("""
            {"id": "start", "type": "Start"}, {"id": "task", "type": "UserTask", "properties": {"due": "3WD", "warning": "2/3"}},
            {"id": "join", "type": "Join"}, {"id": "end", "type": "End"}
            """, """
            {"from": "start", "to": "task"}, {"from": "task", "port": "done", "to": "join"}, {"from": "task", "port": "warning", "to": "join"}, {"from": "join", "to": "end"}
            """);

        NoProblems(report);
    }

    // ---- triggers --------------------------------------------------------------------------

    private static ValidationReportFor Triggers(string triggers) =>
        new(Validate(StartToEnd, """{"from": "start", "to": "end"}""", $$""" "triggers": [{{triggers}}] """));

    [Fact]
    public void Validate_TriggerTypeUnknown_NamesTriggerType()
    {
        var p = Triggers("""{"id": "t", "type": "webhook"}""").Single("bad-trigger-type");

        Assert.Equal("triggers[0].type", p.Path);
    }

    [Fact]
    public void Validate_TriggerWithoutId_NamesTriggerId()
    {
        Assert.Equal("triggers[0].id", Triggers("""{"id": "", "type": "signal", "signal": "s"}""").Single("missing-trigger-id").Path);
    }

    [Fact]
    public void Validate_TriggerIdTwice_NamesSecondTrigger()
    {
        var p = Triggers("""{"id": "t", "type": "signal", "signal": "a"}, {"id": "t", "type": "signal", "signal": "b"}""").Single("duplicate-trigger-id");

        Assert.Equal("triggers[1].id", p.Path);
    }

    [Fact]
    public void Validate_CronTriggerWithoutCron_NamesCron()
    {
        Assert.Equal("triggers[0].cron", Triggers("""{"id": "t", "type": "cron"}""").Single("missing-cron").Path);
    }

    [Fact]
    public void Validate_SignalTriggerWithoutSignal_NamesSignal()
    {
        Assert.Equal("triggers[0].signal", Triggers("""{"id": "t", "type": "signal"}""").Single("missing-signal").Path);
    }

    [Fact]
    public void Validate_BadCron_NamesTriggerAndField()
    {
        var p = Triggers("""{"id": "ok", "type": "cron", "cron": "0 0 9 ? * MON-FRI"}, {"id": "t", "type": "cron", "cron": "0 0 9 ? JAM MON"}""").Single("bad-cron");

        Assert.Equal(("triggers[1].cron", "cron"), (p.Path, p.Property));
        Assert.Contains("Field 5 (month)", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TriggerInputScriptSyntaxError_NamesTriggerInputLineAndColumn()
    {
        var p = Triggers("""{"id": "t", "type": "signal", "signal": "s", "input": {"js": "({ a: 1,, })"}}""").Single("script-syntax");

        Assert.Equal(("triggers[0].input", "input", 1), (p.Path, p.Property, p.Line));
        Assert.NotNull(p.Column);
    }

    // ---- everything at once ----------------------------------------------------------------

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var definition = Flow("""
            {"id": "start", "type": "Start"}, {"id": "wait", "type": "Delay", "properties": {"duration": "soon"}},
            {"id": "set", "type": "SetVariable", "properties": {"variable": "nope", "value": 1}},
            {"id": "island", "type": "End"}, {"id": "end", "type": "End"}
            """, """{"from": "start", "to": "wait"}, {"from": "wait", "to": "set"}, {"from": "set", "to": "end"}, {"from": "set", "to": "ghost"}""",
            """ "variables": [{"name": "a"}, {"name": "a"}], "triggers": [{"id": "t", "type": "cron", "cron": "* * *"}] """) with { Key = "Bad Key" };

        var codes = Validate(definition).Problems.Select(p => p.Code).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["bad-cron", "bad-duration", "bad-key", "connection-unknown-target", "duplicate-variable", "undeclared-variable", "unreachable"], codes);
    }

    private sealed record ValidationReportFor(Core.Validation.ValidationReport Report)
    {
        public Core.Validation.DefinitionProblem Single(string code) => ValidationTestSupport.Single(Report, code);
    }
}
