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

var root = new RootCommand("FlowGov command line: validate and run process definitions.") { validate, run, demo };
return root.Parse(args).Invoke();
