using System.Xml.Linq;
using Quoalise.Protocol.Quoalise;
using Quoalise.Testing.Xml;

namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>The XML writers as tests call them: every output is checked against Schemas/*.xsd before use.</summary>
public static class ValidatedWrite
{
    public static XElement SenML(IReadOnlyList<SenMLRecord> records) => SchemaValidation.AssertValid(SenMLXmlCodec.Write(records));

    public static XElement Payload(params QuoaliseData[] data) => SchemaValidation.AssertValid(QuoalisePayloadCodec.Write(data));

    public static XElement UpstreamError(UpstreamError error) => SchemaValidation.AssertValid(UpstreamErrorCodec.Write(error));
}
