using ConcurrencyService.Core.Executors.Processes;
using ConcurrencyService.Core.Node;
using ConcurrencyService.Core.Storage;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using Microsoft.Extensions.Options;

namespace ConcurrencyService.Core.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire as the queue: storage chosen by <c>Storage:Provider</c>, and one server per queue (threads, processes,
    /// experiments), each with the workers its queue needs. Everything Hangfire holds is this app's own (storage, filters,
    /// activator), never Hangfire's process-wide defaults, so two apps in one process (tests) do not share a queue. A node
    /// with <c>Node:Workers=false</c> runs no server: it only queues.
    /// </summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<QueueOptions>().Bind(configuration.GetSection(QueueOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var queue = configuration.GetSection(QueueOptions.Section).Get<QueueOptions>() ?? new QueueOptions();
        var processes = configuration.GetSection(ProcessesExecutorOptions.Section).Get<ProcessesExecutorOptions>() ?? new ProcessesExecutorOptions();
        var node = configuration.ReadNode();
        var shared = StorageServiceCollectionExtensions.Read(configuration).Provider != StorageProvider.InMemory;
        var topology = new QueueTopology(shared ? QueueNames.ExperimentsOf(node.Name) : QueueNames.Experiments);
        services.AddSingleton(topology);

        // Registered before AddHangfire, whose own registrations only fill what is missing.
        services.AddSingleton<JobStorage>(sp => CreateStorage(sp, queue));
        // Only the filters the service wants: no automatic retry (a failed workload is a result, not a fault), no culture
        // capture; and a requeue goes back to the entry's own queue, not to 'default'.
        services.AddSingleton<IJobFilterProvider>(_ => new JobFilterCollection { new OwnQueueFilter() });
        services.AddSingleton<JobActivator>(sp => new ServiceProviderJobActivator(sp));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new ProcessSafeLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddSingleton(typeof(QueuedRun<>));
        services.AddSingleton<IJobQueue, HangfireJobQueue>();
        if (!node.Workers)
        {
            return services;
        }

        if (shared)
        {
            services.AddHostedService<StrandedEntryWatcher>();
        }

        AddServer(services, QueueNames.Threads, queue.ThreadsJobsAtOnceFor(shared), queue, node, lightweight: false);
        if (processes.Enabled)
        {
            AddServer(services, QueueNames.Processes, queue.ProcessesJobsAtOnce > 0 ? queue.ProcessesJobsAtOnce : 2 * processes.Workers, queue, node, lightweight: true);
        }

        // One worker: experiments run one at a time and never disturb each other's timings.
        AddServer(services, topology.Experiments, 1, queue, node, lightweight: true);
        return services;
    }

    private static void AddServer(IServiceCollection services, string queueName, int workers, QueueOptions queue, NodeOptions node, bool lightweight) =>
        services.AddHangfireServer((_, server) =>
        {
            server.ServerName = $"{node.Name}:{queueName}";
            server.Queues = [queueName];
            server.WorkerCount = workers;
            // The threads server also runs the schedulers and the watchdog; the others need only workers.
            server.IsLightweightServer = lightweight;
            server.StopTimeout = TimeSpan.FromSeconds(queue.ShutdownGraceSeconds);
            server.ShutdownTimeout = TimeSpan.FromSeconds(queue.ShutdownGraceSeconds + 10);
            server.CancellationCheckInterval = queue.CancellationCheckInterval;
            // A node that stops heart-beating is declared dead after Node:Timeout (its lease expires then too), and the
            // entries it had fetched go back on their queues at the storage's next check (Redis: within a minute).
            server.HeartbeatInterval = node.HeartbeatInterval;
            server.ServerTimeout = node.Timeout;
            server.ServerCheckInterval = node.HeartbeatInterval;
        });

    private static JobStorage CreateStorage(IServiceProvider services, QueueOptions queue)
    {
        var storage = services.GetRequiredService<StorageOptions>();
        return storage.Provider switch
        {
            StorageProvider.InMemory => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = queue.RetainFinishedFor }),
            StorageProvider.Redis => CreateRedisStorage(services.GetRequiredService<RedisStore>(), queue),
            _ => throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not supported."),
        };
    }

    /// <summary>
    /// Hangfire on Redis. Its storage re-queues a fetched entry after <see cref="QueueOptions.InvisibilityTimeout"/> with no
    /// renewal while it runs, so that timeout is kept above the longest run a job may ask for (checked at start): a live job
    /// is never handed out twice. A dead node's entries come back through its server's death instead.
    /// </summary>
    private static RedisStorage CreateRedisStorage(RedisStore redis, QueueOptions queue) =>
        new(redis.Connection, new RedisStorageOptions
        {
            Prefix = redis.HangfirePrefix,
            InvisibilityTimeout = queue.InvisibilityTimeout,
            ExpiryCheckInterval = TimeSpan.FromMinutes(1),
            SucceededListSize = 1000,
            DeletedListSize = 1000,
        });
}
