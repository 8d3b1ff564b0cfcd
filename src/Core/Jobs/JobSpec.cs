using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Core.Jobs;

/// <summary>What a job runs: its workload, looked up once, and its parameters, bound once into typed values.</summary>
public sealed record JobSpec(IWorkload Workload, ParameterValues Values);
