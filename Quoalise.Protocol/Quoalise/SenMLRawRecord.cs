namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// One record's fields as found on the wire, before base fields are applied. Times are ticks
/// (100 ns) since the Unix epoch, or relative ones as sent. A mutable scratch value owned by one read.
/// </summary>
internal struct SenMLRawRecord
{
    public string? BaseName;
    public long? BaseTime;
    public string? BaseUnit;
    public double? BaseValue;
    public double? BaseSum;
    public int? BaseVersion;
    public string? Name;
    public string? Unit;
    public double? Value;
    public string? StringValue;
    public bool? BooleanValue;
    public string? DataValue;
    public double? Sum;
    public long? Time;
    public double? UpdateTime;
}
