using BenchmarkDotNet.Running;

namespace FlowGov.Bench;

/// <summary>Runs FlowGov's benchmarks: <c>dotnet run -c Release --project bench/FlowGov.Bench -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
