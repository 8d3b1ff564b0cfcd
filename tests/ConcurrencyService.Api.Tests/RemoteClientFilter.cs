using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ConcurrencyService.Api.Tests;

/// <summary>Makes every request seem to come from another machine; it still travels through Kestrel, only its address changes.</summary>
internal sealed class RemoteClientFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A server with these settings whose clients all seem remote.</summary>
    public static ApiFactory Server(IDictionary<string, string?> settings) =>
        ApiFactory.With(settings, builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteClientFilter())));
}
