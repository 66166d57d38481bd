using Microsoft.Extensions.Hosting;
using MhSupply.Hosting;
using MhSupply.Jobs;
using MhSupply.Telemetry;

var builder = Host.CreateApplicationBuilder(args);
builder.AddMhSupplyLogging();
builder.AddMhSupplyTelemetry("mhsupply-silo");
builder.Services.AddMhSupplyJobs(builder.Configuration);
builder.UseOrleans(silo => silo.AddMhSupplySilo(builder.Configuration));

using var host = builder.Build();
await StartupTasks.PrepareDatabaseAsync(host.Services, builder.Configuration);
await host.RunAsync();
