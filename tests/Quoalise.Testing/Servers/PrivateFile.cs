namespace Quoalise.Testing.Servers;

/// <summary>Files only their owner may read: private keys, the Erlang cookie. Thread-safe (stateless).</summary>
internal static class PrivateFile
{
    public static void Write(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            // Owner only, as servers and clients expect of a private key, and Erlang of its cookie.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
