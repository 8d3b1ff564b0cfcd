using System.Diagnostics;
using ConcurrencyService.Experiments.Results;

namespace ConcurrencyService.Api.Tests;

public sealed class MachineLoadTests
{
    [Fact]
    public async Task OtherRunnableNow_CountsABusyProgramOutsideTheService()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(MachineLoad.OtherRunnableNow());
            return;
        }

        // A busy loop whose parent exits at once is adopted by init: another program, as far as we are concerned. It stops by itself.
        using var detach = Process.Start(new ProcessStartInfo("sh", ["-c", "timeout 3 sh -c 'while :; do :; done' >/dev/null 2>&1 &"]))!;
        await detach.WaitForExitAsync();
        var seen = 0;
        for (var i = 0; i < 40 && seen == 0; i++)
        {
            seen = MachineLoad.OtherRunnableNow() ?? 0;
            await Task.Delay(25);
        }

        Assert.True(seen >= 1, "the detached busy loop is runnable most of the time");
    }

    [Fact]
    public void From_Samples_GivesMeanAndMax() =>
        Assert.Equal(new MachineLoad(1.5, 3, 4), MachineLoad.From([0, 3, 1, 2]));
}
