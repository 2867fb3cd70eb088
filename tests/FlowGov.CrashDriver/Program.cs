using System.Globalization;
using FlowGov.CrashDriver;

// FlowGov.CrashDriver <directory> [instances=300] [workers=4] [full|normal|<PostgreSQL connection string>]
// The directory holds the acknowledgement log and the persisted clock, and the SQLite file unless a
// PostgreSQL connection string (Host=…) is given.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: FlowGov.CrashDriver <directory> [instances] [workers] [full|normal|Host=…]");
    return 64;
}

var instances = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var options = CrashStore.Options(args[0], args.Length > 3 ? args[3] : "full");
return await new CrashRun(args[0], options, instances, workers).RunAsync();
