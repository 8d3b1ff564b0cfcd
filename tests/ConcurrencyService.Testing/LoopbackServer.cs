using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ConcurrencyService.Testing;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port, built on <see cref="HttpListener"/>. Routes:
/// <c>/api/echo/bytes/{n}</c> (200 with n bytes), <c>/api/echo/chunked/{n}</c> (the same, chunked, no length),
/// <c>/api/echo/status/{code}</c> (that status, body "nope"), <c>/api/echo/redirect?to=…</c> (302 to the raw value),
/// <c>/api/echo/loop</c> (307 to itself), <c>/api/echo/drip/{n}</c> (headers at once, then n bytes one a second);
/// anything else 200 "other". Every request's path is recorded.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public LoopbackServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort.Next();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }

        _loop = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url(string relative) => new(BaseAddress, relative);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue(path);
        try
        {
            if (path.StartsWith("/api/echo/bytes/", StringComparison.Ordinal))
            {
                var n = long.Parse(path["/api/echo/bytes/".Length..], CultureInfo.InvariantCulture);
                response.ContentLength64 = n;
                await WriteZerosAsync(response, n);
            }
            else if (path.StartsWith("/api/echo/chunked/", StringComparison.Ordinal))
            {
                response.SendChunked = true;
                await WriteZerosAsync(response, long.Parse(path["/api/echo/chunked/".Length..], CultureInfo.InvariantCulture));
            }
            else if (path.StartsWith("/api/echo/drip/", StringComparison.Ordinal))
            {
                var n = int.Parse(path["/api/echo/drip/".Length..], CultureInfo.InvariantCulture);
                response.ContentLength64 = n;
                for (var i = 0; i < n; i++)
                {
                    await response.OutputStream.WriteAsync("x"u8.ToArray());
                    await response.OutputStream.FlushAsync();
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
            else if (path.StartsWith("/api/echo/status/", StringComparison.Ordinal))
            {
                response.StatusCode = int.Parse(path["/api/echo/status/".Length..], CultureInfo.InvariantCulture);
                await WriteTextAsync(response, "nope");
            }
            else if (path == "/api/echo/redirect")
            {
                response.StatusCode = 302;
                response.RedirectLocation = request.QueryString["to"];
            }
            else if (path == "/api/echo/loop")
            {
                response.StatusCode = 307;
                response.RedirectLocation = "/api/echo/loop";
            }
            else
            {
                await WriteTextAsync(response, "other");
            }
        }
        catch (HttpListenerException)
        {
            // The client went away (e.g. it refused an oversized body).
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (HttpListenerException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private static async Task WriteTextAsync(HttpListenerResponse response, string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static async Task WriteZerosAsync(HttpListenerResponse response, long n)
    {
        var buffer = new byte[64 * 1024];
        for (long written = 0; written < n; written += buffer.Length)
        {
            await response.OutputStream.WriteAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, n - written)));
        }
    }
}
