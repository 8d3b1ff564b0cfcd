namespace ConcurrencyService.Workloads;

/// <summary>
/// A workload the service can run as a job: it splits its parameters into pieces, runs each piece on a worker (a
/// thread, or a worker process), and combines the pieces' outputs into the job's result. Derive from it in a class
/// library, build it, and point the service's <c>Workloads:Plugins</c> setting at the build folder.
/// </summary>
/// <typeparam name="TParameters">
/// A record of the job's parameters. Each constructor parameter is one job parameter, named in camelCase:
/// <see cref="long"/>, <see cref="int"/>, <see cref="double"/>, <see cref="string"/>, an enum or
/// <see cref="Uri"/>. A default value makes it optional; numbers need
/// <see cref="System.ComponentModel.DataAnnotations.RangeAttribute"/>, and
/// <see cref="System.ComponentModel.DescriptionAttribute"/>,
/// <see cref="System.ComponentModel.DataAnnotations.MaxLengthAttribute"/> and
/// <see cref="System.ComponentModel.DataAnnotations.AllowedValuesAttribute"/> say the rest.
/// </typeparam>
/// <typeparam name="TPiece">A plain record: one piece of work. The service encodes it for worker processes.</typeparam>
/// <typeparam name="TOutput">A plain record: what a piece computed, and what the pieces combine into.</typeparam>
/// <remarks>
/// One instance serves every job, on many threads at once: keep it free of mutable state. Splitting must not change
/// the result: combining the outputs of N pieces must give what one piece gives.
/// </remarks>
public abstract class Workload<TParameters, TPiece, TOutput>
    where TParameters : notnull
    where TPiece : notnull
    where TOutput : notnull
{
    /// <summary>A unique dotted name in lower case, e.g. <c>acme.resize</c>: the <c>workload</c> field of a job request.</summary>
    public abstract string Name { get; }

    /// <summary>What bounds this workload's speed.</summary>
    public abstract WorkloadKind Kind { get; }

    /// <summary>One or two sentences for the catalog (<c>GET /api/workloads</c>) and Swagger UI.</summary>
    public abstract string Description { get; }

    /// <summary>
    /// True for code that must never run inside the service's own process (it may crash it): the service then refuses
    /// to run it on the threads executor. False by default.
    /// </summary>
    public virtual bool RequiresProcessIsolation => false;

    /// <summary>A complete, valid set of parameters: the example in Swagger UI and the dashboard.</summary>
    public abstract TParameters Example { get; }

    /// <summary>
    /// Checks across parameters, beyond each one's own type and limits (which the service checks first). Each error
    /// names the parameter (camelCase, as in the request) and becomes part of a 400 response. None by default.
    /// </summary>
    /// <param name="parameters">The job's parameters, each within its own limits.</param>
    public virtual IEnumerable<ParameterError> Validate(TParameters parameters) => [];

    /// <summary>Splits the job's parameters into exactly <paramref name="count"/> pieces.</summary>
    /// <param name="parameters">The job's validated parameters.</param>
    /// <param name="count">How many pieces to make: the job's <c>tasks</c>, at least 1.</param>
    public abstract IReadOnlyList<TPiece> Split(TParameters parameters, int count);

    /// <summary>
    /// Runs one piece on the calling worker. CPU work runs synchronously and calls
    /// <see cref="PieceContext.Checkpoint"/> every few milliseconds; IO work awaits through <see cref="PieceContext.WaitAsync"/>.
    /// </summary>
    /// <param name="piece">One of the pieces <see cref="Split"/> made, possibly decoded in another process.</param>
    /// <param name="context">The worker's services: the checkpoint, waits, a scratch folder.</param>
    /// <param name="cancellationToken">Set when the job is cancelled or times out.</param>
    public abstract ValueTask<TOutput> RunAsync(TPiece piece, PieceContext context, CancellationToken cancellationToken);

    /// <summary>Combines the pieces' outputs, in piece order, into the job's result.</summary>
    /// <param name="parameters">The job's validated parameters.</param>
    /// <param name="outputs">One output per piece, in the order <see cref="Split"/> made the pieces.</param>
    public abstract TOutput Combine(TParameters parameters, IReadOnlyList<TOutput> outputs);
}
