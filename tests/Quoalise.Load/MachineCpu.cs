using System.Globalization;

namespace Quoalise.Load;

/// <summary>
/// The whole machine's CPU time so far, from the first line of <c>/proc/stat</c>, in clock ticks summed over all cores:
/// busy (everything but idle and I/O wait) and total. Throughput on a shared virtual machine moves by ±15% from run to
/// run; the CPU a message costs the machine moves far less, so it shows changes that throughput hides.
/// </summary>
internal readonly record struct MachineCpu(long Busy, long Total)
{
    public static MachineCpu Read()
    {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already counted in user.
        var ticks = File.ReadLines("/proc/stat").First()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9]
            .Select(field => long.Parse(field, CultureInfo.InvariantCulture))
            .ToArray();
        var total = ticks.Sum();
        return new MachineCpu(total - ticks[3] - ticks[4], total);
    }

    /// <summary>CPU time the machine spent busy between two readings, over all its cores.</summary>
    public static TimeSpan BusyBetween(MachineCpu before, MachineCpu after, TimeSpan wall) =>
        wall * Environment.ProcessorCount * (after.Busy - before.Busy) / Math.Max(1, after.Total - before.Total);
}
