using ConcurrencyService.Api.Advice;
using ConcurrencyService.Api.Dashboard;
using ConcurrencyService.Api.Echo;
using ConcurrencyService.Api.Executors;
using ConcurrencyService.Api.Experiments;
using ConcurrencyService.Api.Hosting;
using ConcurrencyService.Api.Idempotency;
using ConcurrencyService.Api.Jobs;
using ConcurrencyService.Api.Metrics;
using ConcurrencyService.Api.Node;
using ConcurrencyService.Api.OpenApi;
using ConcurrencyService.Api.Queue;
using ConcurrencyService.Api.Security;
using ConcurrencyService.Api.Workloads;
using ConcurrencyService.Core.Executors;
using ConcurrencyService.Core.Jobs;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Queue;
using ConcurrencyService.Core.Storage;
using ConcurrencyService.Core.Workloads;
using ConcurrencyService.Experiments;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddStorage(builder.Configuration);
builder.Services.AddNode(builder.Configuration);
builder.Services.AddProblemHandling();
builder.Services.AddRequestLimits(builder.Configuration);
builder.Services.AddApiSecurity(builder.Configuration);
builder.Services.AddIdempotency(builder.Configuration);
builder.Services.AddApiJson();
builder.Services.AddWorkloadCatalog(builder.Configuration);
builder.Services.AddExecutors(builder.Configuration);
builder.Services.AddJobs(builder.Configuration);
builder.Services.AddJobQueue(builder.Configuration);
builder.Services.AddExperiments(builder.Configuration);
builder.Services.AddApiDocumentation();
builder.Services.AddHealthChecks();
builder.Services.AddServiceMetrics();
builder.Services.AddDashboard();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRequestLimits();
app.UseCrossSiteGuard();
if (builder.Configuration.ReadNode().Http)
{
    app.UseApiDocumentation();
    app.UseApiSecurity();
    var api = app.MapApi();
    api.MapJobsApi();
    api.MapWorkloadsApi();
    api.MapExecutorsApi();
    api.MapNodesApi();
    api.MapExperimentsApi();
    api.MapClaimsApi();
    api.MapAdviceApi();
    api.MapEchoApi();
    app.MapQueueDashboard();
    app.MapDashboard();
}

app.MapHealthEndpoints();
app.MapMetrics();

app.RunAndReportFaults();

/// <summary>The entry point, public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
