using System.Globalization;
using System.Text.Json.Nodes;
using Quoalise.Adapters.Ocpp.Messages;
using Quoalise.Adapters.Ocpp.Rpc;
using Quoalise.Adapters.Ocpp.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;

namespace Quoalise.Adapters.Ocpp.Commands;

/// <summary>
/// <c>remote_stop_transaction</c>: asks a charge point to stop a running session, named by the transaction
/// number <c>get_charging_sessions</c> lists (1.6 RemoteStopTransaction, 2.0.1 RequestStopTransaction).
/// </summary>
internal sealed class RemoteStopTransactionCommand
{
    public const string Node = "remote_stop_transaction";
    private const string TransactionVar = "transaction";

    private readonly OperatorCalls _calls;
    private readonly ChargePointChoices _choices;
    private readonly TransactionStore _transactions;

    public RemoteStopTransactionCommand(OperatorCalls calls, ChargePointChoices choices, TransactionStore transactions)
    {
        _calls = calls;
        _choices = choices;
        _transactions = transactions;
    }

    public AdHocCommand Build() => new()
    {
        Node = Node,
        Name = "Remote stop transaction",
        Permission = Permission.Operate,
        Stages =
        [
            _choices.ConnectedChargePointStage("Remote stop: charge point"),
            new CommandStage { Title = "Remote stop: transaction", BuildFields = TransactionFieldAsync },
        ],
        Handler = HandleAsync,
    };

    private async ValueTask<IReadOnlyList<FormField>> TransactionFieldAsync(CommandStageContext context, CancellationToken cancellationToken)
    {
        if (context.Interactive && context.Values.GetString(ChargePointChoices.ChargePointVar) is { } chargePointId)
        {
            var open = await _transactions.ListOpenAsync(chargePointId, cancellationToken);
            var options = open.Select(t => new FormOption(
                t.Id.ToString(CultureInfo.InvariantCulture),
                $"{t.Id} on connector {t.ConnectorId} by {t.IdTag ?? "(no tag)"} since {(t.StartUs is { } s ? JsonFields.Format(UnixMicros.ToTime(s)) : "?")}")).ToList();
            return [FormField.ListSingle(TransactionVar, "Running transaction", options, required: true)];
        }

        return [FormField.Integer(TransactionVar, "Transaction (as get_charging_sessions lists it)", required: true, min: 1)];
    }

    private async Task<CommandOutcome> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        var chargePointId = request.Values.GetRequiredString(ChargePointChoices.ChargePointVar);
        if (await _choices.CheckAccessAsync(request.Requester, chargePointId, cancellationToken) is { } denied)
        {
            return CommandOutcome.Failure(denied);
        }

        var id = request.Values.GetInteger(TransactionVar)!.Value;
        var transaction = await _transactions.FindAsync(chargePointId, id, cancellationToken);
        if (transaction is null)
        {
            return CommandOutcome.Failure(new CommandError(CommandErrorKind.NotFound, $"Charge point {chargePointId} has no transaction {id}.", Field: TransactionVar));
        }

        if (transaction.Ended != 0)
        {
            return CommandOutcome.Failure(new CommandError(CommandErrorKind.Conflict, $"Transaction {id} on {chargePointId} has already ended."));
        }

        var result = await _calls.CallAsync(
            request.Requester,
            chargePointId,
            version => version == OcppVersion.V16
                ? new OperatorCall("RemoteStopTransaction", new JsonObject { ["transactionId"] = checked((int)transaction.Id) }, OperatorCall.Accepted)
                : new OperatorCall("RequestStopTransaction", new JsonObject { ["transactionId"] = transaction.StationTransactionId }, OperatorCall.Accepted),
            cancellationToken);
        return result.ToOutcome("Remote stop", chargePointId, FormField.Fixed(TransactionVar, "Transaction", id.ToString(CultureInfo.InvariantCulture)));
    }
}
