namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>The two SenML representations, for tests that run once per codec.</summary>
public enum SenMLCodec
{
    Xml,
    Json,
}
