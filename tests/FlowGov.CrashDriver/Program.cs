using System.Globalization;
using FlowGov.CrashDriver;
using FlowGov.Data;

// flowgov-crash-driver <directory> [instances=300] [workers=4] [synchronous=full|normal]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: FlowGov.CrashDriver <directory> [instances] [workers] [full|normal]");
    return 64;
}

var instances = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;
var synchronous = args.Length > 3 && args[3] == "normal" ? SqliteSynchronous.Normal : SqliteSynchronous.Full;
return await new CrashRun(args[0], instances, workers, synchronous).RunAsync();
