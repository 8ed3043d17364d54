namespace Quoalise.Protocol.Quoalise;

/// <summary>Outcome of <see cref="SenMLNumbers.TryParseSeconds"/>.</summary>
internal enum SecondsParse
{
    Ok,
    Malformed,
    OutOfRange,
}
