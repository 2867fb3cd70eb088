using FlowGov.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddFlowGovServer();
var app = builder.Build();
app.UseFlowGovServer();
await app.RunAsync();

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
