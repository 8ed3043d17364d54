namespace Quoalise.Adapters.Ocpp.Schemas;

/// <summary>Which of an action's two schemas: the CALL payload or the CALLRESULT payload.</summary>
internal enum PayloadKind
{
    Request,
    Response,
}
