using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Quoalise.Protocol.Tests")]
[assembly: InternalsVisibleTo("Quoalise.Benchmarks")]
[assembly: InternalsVisibleTo("Quoalise.Testing")]
