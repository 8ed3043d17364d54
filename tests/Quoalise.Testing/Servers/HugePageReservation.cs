using System.Globalization;

namespace Quoalise.Testing.Servers;

/// <summary>
/// Makes sure the kernel holds enough free huge pages for a server's shared memory, raising
/// <c>vm.nr_hugepages</c> if it must, and puts the old value back on dispose. Root only: the pool is machine-wide.
/// Not thread-safe: one owner.
/// </summary>
public sealed class HugePageReservation : IDisposable
{
    private const string PoolSetting = "/proc/sys/vm/nr_hugepages";

    private readonly long? _previousPool;

    private HugePageReservation(long pages, long? previousPool)
    {
        Pages = pages;
        _previousPool = previousPool;
    }

    /// <summary>Huge pages the server needs, all free when this was made.</summary>
    public long Pages { get; }

    /// <exception cref="InvalidOperationException">Not root, or the kernel could not find the memory.</exception>
    public static HugePageReservation Reserve(long pages)
    {
        var free = Available();
        if (free >= pages)
        {
            return new HugePageReservation(pages, null);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException(
                $"{pages} free huge pages are needed and {free} are: run as root, or raise vm.nr_hugepages beforehand.");
        }

        var pool = long.Parse(File.ReadAllText(PoolSetting).Trim(), CultureInfo.InvariantCulture);
        File.WriteAllText(PoolSetting, (pool + pages - free).ToString(CultureInfo.InvariantCulture));
        var reservation = new HugePageReservation(pages, pool);
        // The kernel grants what contiguous memory it finds, possibly less than asked.
        if (Available() < pages)
        {
            reservation.Dispose();
            throw new InvalidOperationException($"The kernel found memory for fewer than the {pages} huge pages needed (fragmented memory?).");
        }

        return reservation;
    }

    public void Dispose()
    {
        if (_previousPool is { } pool)
        {
            File.WriteAllText(PoolSetting, pool.ToString(CultureInfo.InvariantCulture));
        }
    }

    // Pages a mapping has reserved but not touched yet still count as free in /proc/meminfo.
    private static long Available() => MemInfo("HugePages_Free") - MemInfo("HugePages_Rsvd");

    private static long MemInfo(string field) =>
        File.ReadLines("/proc/meminfo")
            .Where(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(line => long.Parse(line[(field.Length + 1)..].Trim(), CultureInfo.InvariantCulture))
            .Single();
}
