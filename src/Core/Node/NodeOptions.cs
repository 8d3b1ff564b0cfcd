using System.ComponentModel.DataAnnotations;

namespace ConcurrencyService.Core.Node;

/// <summary>
/// This node's name and roles, for running several nodes on one Redis. Section <c>Node</c>. A node serves the API and runs
/// workers by default; <c>Http=false</c> makes a worker-only node (it answers only <c>/health/*</c> and <c>/metrics</c>) and
/// <c>Workers=false</c> an API-only node (it queues jobs for the others and runs none).
/// </summary>
public sealed class NodeOptions : IValidatableObject
{
    public const string Section = "Node";

    /// <summary>The node's name in job attempts and Hangfire's servers; unique per node. Default: host name and process id.</summary>
    [RegularExpression("^[a-z0-9][a-z0-9_.-]{0,62}$", ErrorMessage = "Node:Name must be 1–63 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string Name { get; set; } = DefaultName();

    /// <summary>Serve the API, Swagger UI and the dashboards.</summary>
    public bool Http { get; set; } = true;

    /// <summary>Run jobs and experiments: the Hangfire servers, the thread workers and the worker host.</summary>
    public bool Workers { get; set; } = true;

    /// <summary>How often the node renews its lease in the shared storage.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A node whose lease is this old is dead: its jobs may be run by another node. Also Hangfire's server timeout, so a
    /// dead node's queue entries come back as soon as both agree.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Http && !Workers)
        {
            yield return new ValidationResult("Node:Http and Node:Workers are both false: the node would do nothing.", [nameof(Http), nameof(Workers)]);
        }

        if (Timeout < 3 * HeartbeatInterval)
        {
            yield return new ValidationResult(
                $"Node:Timeout ({Timeout}) must be at least three Node:HeartbeatInterval ({HeartbeatInterval}), or a live node could be taken for dead.",
                [nameof(Timeout)]);
        }
    }

    private static string DefaultName()
    {
        var host = new string([.. Environment.MachineName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]).Trim('-', '.');
        var name = $"{(host.Length == 0 ? "node" : host)}-{Environment.ProcessId}";
        return name.Length <= 63 ? name : name[^63..];
    }
}
