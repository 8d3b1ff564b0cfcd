using System.Text.Json;
using System.Text.Json.Serialization;
using ConcurrencyService.Workloads;
using ConcurrencyService.Workloads.Parameters;

namespace ConcurrencyService.Core.Jobs;

/// <summary>
/// A <see cref="JobState"/> as a shared store keeps it: JSON, with the job's spec written as its workload's name and
/// bound parameters, and bound again on reading (the workload looked up once per read, in this process's catalog).
/// </summary>
public sealed class JobRecordJson
{
    private readonly JsonSerializerOptions _options;

    public JobRecordJson(WorkloadCatalog catalog)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        _options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        _options.Converters.Add(new SpecConverter(catalog));
    }

    public string Write(JobState job) => JsonSerializer.Serialize(job, _options);

    public JobState Read(string json) =>
        JsonSerializer.Deserialize<JobState>(json, _options) ?? throw new JsonException("A job record was null.");

    private sealed class SpecConverter(WorkloadCatalog catalog) : JsonConverter<JobSpec>
    {
        public override JobSpec Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var stored = JsonSerializer.Deserialize<StoredSpec>(ref reader, options) ?? throw new JsonException("A job's spec was null.");
            var workload = catalog.TryGet(stored.Workload, out var found)
                ? found
                : throw new JsonException($"The job's workload '{stored.Workload}' is not in this node's catalog.");
            var binding = ParameterBinder.Bind(workload, stored.Values);
            return binding.Values is { } values
                ? new JobSpec(workload, values)
                : throw new JsonException($"The job's parameters no longer bind: {string.Join("; ", binding.Errors.Select(e => $"{e.Key}: {e.Value}"))}");
        }

        public override void Write(Utf8JsonWriter writer, JobSpec value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, new StoredSpec(value.Workload.Name, value.Values.ToJson()), options);
    }

    private sealed record StoredSpec(string Workload, System.Text.Json.Nodes.JsonObject Values);
}
