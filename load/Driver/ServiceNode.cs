namespace ConcurrencyService.Load.Driver;

/// <summary>One server under test (a node): its base address as the reports name it, a client for it, and the driver over that client.</summary>
public sealed record ServiceNode(string Name, HttpClient Http, IServiceDriver Driver);
