using System.Xml.Linq;
using Quoalise.Testing.Xmpp;

namespace Quoalise.IntegrationTests.Support;

/// <summary>Waiting for the component's live pushes: messages carrying a <c>&lt;quoalise/&gt;</c> payload.</summary>
internal static class DataMessages
{
    /// <summary>The next pushed data message, skipping any other message (a chat, a headline) on the way.</summary>
    public static async Task<XElement> NextDataMessageAsync(this SlixmppClient client)
    {
        while (true)
        {
            var message = await client.NextMessageAsync(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("No message was pushed.");
            if (message.Elements().Any(e => e.Name.LocalName == "quoalise"))
            {
                return message;
            }
        }
    }
}
