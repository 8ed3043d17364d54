using Quoalise.Load;

// One verb per area; add yours to the table. Usage: Quoalise.Load <verb> [options]
var verbs = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["storage"] = StorageLoad.RunAsync,
    ["xmpp"] = XmppLoad.RunAsync,
    ["ocpp"] = OcppLoad.RunAsync,
    ["mqtt"] = MqttLoad.RunAsync,
};

if (args.Length == 0 || !verbs.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"Usage: Quoalise.Load <verb> [options]; verbs: {string.Join(", ", verbs.Keys)}");
    return 2;
}

try
{
    return await run(args[1..]);
}
catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException))
{
    // A mistyped option: its message names the option and the usage, a stack trace would only bury it.
    Console.Error.WriteLine(e.Message);
    return 2;
}
