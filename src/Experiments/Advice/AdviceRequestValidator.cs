using System.Text.Json.Nodes;
using ConcurrencyService.Core.Requests;
using ConcurrencyService.Core.Workloads;
using Catalog = ConcurrencyService.Workloads;

namespace ConcurrencyService.Experiments.Advice;

/// <summary>
/// Checks an advice request field by field, like a job request: the workload and its parameters as the job API reads them
/// (<c>parameters.below</c>), and a budget the calibration can keep.
/// </summary>
public sealed class AdviceRequestValidator(WorkloadRequestReader workloads)
{
    /// <summary>Below this, a calibration cannot make enough runs of even a short job for one 95% interval.</summary>
    public const int MinBudgetSeconds = 5;

    /// <summary>Five minutes: the experiments' queue runs one thing at a time, and an advice run should not hold it for long.</summary>
    public const int MaxBudgetSeconds = 300;

    public const int DefaultBudgetSeconds = 30;

    private static readonly string[] Fields = RequestFields.Of<SubmitAdviceRequest>();
    private static readonly string Budget = RequestFields.Name(nameof(SubmitAdviceRequest.BudgetSeconds));

    public AdvicePlan? Validate(JsonNode? body, Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (body is not JsonObject root)
        {
            errors["$"] = [$"The body must be a JSON object like {{\"workload\": \"cpu.primes\", \"budgetSeconds\": 30}}; got {JsonFields.Describe(body)}."];
            return null;
        }

        JsonFields.RejectUnknown(root, Fields, "An advice request", errors);
        var (workload, values) = workloads.Read(root, errors);
        if (workload is { Kind: Catalog.WorkloadKind.Diagnostic } or { RequiresProcessIsolation: true })
        {
            errors["workload"] = [$"'{workload.Name}' is a fault workload: it must run in a worker process of its own, so threads are no option and there is nothing to advise."];
        }

        var budget = JsonFields.ReadInt(root, Budget, MinBudgetSeconds, MaxBudgetSeconds, DefaultBudgetSeconds, errors);
        if (errors.Count > 0 || workload is null || values is null)
        {
            return null;
        }

        return new AdvicePlan($"Advice: {workload.Name} ({budget} s budget)", workload, values, budget);
    }
}
