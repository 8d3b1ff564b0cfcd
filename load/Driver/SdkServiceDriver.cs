using System.Net;
using System.Text.Json;
using ConcurrencyService.Client;
using Refit;

namespace ConcurrencyService.Load.Driver;

/// <summary>
/// <see cref="IServiceDriver"/> over the client SDK's Refit interface (<c>src/Client</c>), as users call the service.
/// It uses Refit's generated client on a bare <see cref="HttpClient"/>, without the SDK's retry handler: a load test
/// must see every 429 and failure, not have them retried away. Readiness is not part of the API contract, so it is one
/// plain GET.
/// </summary>
public sealed class SdkServiceDriver(HttpClient http) : IServiceDriver
{
    private readonly IConcurrencyServiceApi _client = RestService.ForGenerated<IConcurrencyServiceApi>(http, ServiceCollectionExtensions.CreateRefitSettings());

    public async Task<SubmitOutcome> SubmitJobAsync(
        string workload, IReadOnlyDictionary<string, object> parameters, string executor, int tasks, CancellationToken cancellationToken)
    {
        var request = new SubmitJobRequest
        {
            Workload = workload,
            Parameters = new Dictionary<string, object>(parameters),
            Executor = Enum.Parse<ExecutorKind>(executor, ignoreCase: true),
            Tasks = tasks,
        };
        using var answer = await _client.SubmitJobAsync(request, cancellationToken: cancellationToken);
        if (answer.Error is ConcurrencyServiceException refused)
        {
            return new SubmitOutcome(null, refused.Status, Describe(refused));
        }

        await answer.EnsureSuccessfulAsync();
        return new SubmitOutcome(answer.Content!.Id, (int)answer.StatusCode!.Value, null);
    }

    public async Task<JobPoll> WaitForJobAsync(Guid jobId, int waitMs, CancellationToken cancellationToken)
    {
        try
        {
            var job = await _client.GetJobAsync(jobId, waitMs, cancellationToken: cancellationToken);
            return new JobPoll(Name(job.Status), job.Error?.Code, job.Error?.Message, job.Timings.QueueWaitMs, job.Timings.RunTimeMs);
        }
        catch (ConcurrencyServiceException error)
        {
            throw new ServiceCallException("GET /api/jobs/{id}", error.Status, Describe(error));
        }
    }

    public async Task<IReadOnlyList<ExecutorWorkers>> GetExecutorsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var executors = await _client.GetExecutorsAsync(cancellationToken: cancellationToken);
            return [.. executors.Select(e => new ExecutorWorkers(Name(e.Name), e.Available, e.WorkerCount))];
        }
        catch (ConcurrencyServiceException error)
        {
            throw new ServiceCallException("GET /api/executors", error.Status, Describe(error));
        }
    }

    public async Task<IReadOnlyList<string>> GetWorkloadNamesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return [.. (await _client.ListWorkloadsAsync(cancellationToken)).Select(w => w.Name)];
        }
        catch (ConcurrencyServiceException error)
        {
            throw new ServiceCallException("GET /api/workloads", error.Status, Describe(error));
        }
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    // The API's own spelling of an enum value ("timedOut"), which reports and thresholds use.
    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    // ProblemDetails: the detail says why, the title what; a body that was not one leaves the status to speak.
    private static string? Describe(ConcurrencyServiceException error) => error.Problem?.Detail ?? error.Problem?.Title;
}
