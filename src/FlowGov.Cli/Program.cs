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

var dataDir = new Option<string>("--data") { Description = "The data directory of the SQLite store", DefaultValueFactory = _ => "./data" };
var connection = new Option<string?>("--connection") { Description = "A PostgreSQL (Host=…) or SQLite connection string instead of the data directory's file" };
var policies = new Option<string[]>("--policy") { Description = "district:days:delete|archive, e.g. lcx:365:archive (repeatable)", Arity = ArgumentArity.OneOrMore, Required = true, AllowMultipleArgumentsPerToken = true };
var batch = new Option<int>("--batch") { Description = "Instances per transaction", DefaultValueFactory = _ => 500 };
var retentionRun = new Command("run", "Apply retention once: delete or archive finished instances older than N days, per district, in batches.") { dataDir, connection, policies, batch };
retentionRun.SetAction((parse, cancellationToken) => RetentionCommand.RunAsync(parse.GetValue(dataDir)!, parse.GetValue(connection), parse.GetValue(policies)!, parse.GetValue(batch), cancellationToken));
var retention = new Command("retention", "Retention of finished instances (the server applies the same policies on its clock).") { retentionRun };

var root = new RootCommand("FlowGov command line: validate, run and diff process definitions; apply retention.") { validate, run, demo, diff, retention };
return root.Parse(args).Invoke();
