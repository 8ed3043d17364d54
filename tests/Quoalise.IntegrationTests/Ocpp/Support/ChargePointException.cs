namespace Quoalise.IntegrationTests.Ocpp;

/// <summary>The charge point could not do what it was asked, e.g. connect (with the HTTP status of a refused handshake).</summary>
internal sealed class ChargePointException(string message, int? httpStatus) : Exception(message)
{
    public int? HttpStatus { get; } = httpStatus;
}
