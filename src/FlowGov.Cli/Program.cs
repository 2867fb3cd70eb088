using System.CommandLine;
using FlowGov.Cli;

var files = new Argument<FileInfo[]>("files") { Description = "Definition JSON files", Arity = ArgumentArity.OneOrMore };
var validate = new Command("validate", "Validate process definitions; prints every problem with its activity, property and line.") { files };
validate.SetAction(parse => Commands.Validate(parse.GetValue(files)!));

var file = new Argument<FileInfo>("file") { Description = "Definition JSON file" };
var input = new Option<string?>("--input") { Description = "Start input as JSON, e.g. {\"level\":\"big\"}" };
var run = new Command("run", "Run a definition in memory with a fake clock: every task is answered with its first outcome, every timer is fast-forwarded; prints the journal.") { file, input };
run.SetAction(parse => Commands.Run(parse.GetValue(file)!, parse.GetValue(input)));

var demo = new Command("demo", "Validate and run every definition in workflows/ (what './build.sh run' does until the server exists).");
demo.SetAction(_ => Commands.Demo());

var older = new Argument<FileInfo>("from") { Description = "The older definition JSON file" };
var newer = new Argument<FileInfo>("to") { Description = "The newer definition JSON file" };
var asJson = new Option<bool>("--json") { Description = "Print the diff as JSON (the shape of GET /api/definitions/{key}/diff) instead of text" };
var diff = new Command("diff", "Semantic diff of two definitions: activities, connections, variables, forms field by field, triggers. Exit code 0 when identical, 1 when they differ.") { older, newer, asJson };
diff.SetAction(parse => Commands.Diff(parse.GetValue(older)!, parse.GetValue(newer)!, parse.GetValue(asJson)));

var root = new RootCommand("FlowGov command line: validate, run and diff process definitions.") { validate, run, demo, diff };
return root.Parse(args).Invoke();
