using Microsoft.Extensions.Options;
using Quoalise.Adapters.Access;
using Quoalise.Adapters.Storage;
using Quoalise.Protocol.Commands;
using Quoalise.Protocol.Forms;
using Quoalise.Protocol.Stanzas;

namespace Quoalise.Component.Series;

/// <summary>
/// The series a requester may read, as the series commands need them: choices for a form, and the
/// check that an identifier names a series the requester may read. Thread-safe.
/// </summary>
internal sealed class SeriesDirectory
{
    public const string IdentifierVar = "identifier";

    private readonly ISeriesCatalog _catalog;
    private readonly IAccessPolicy _access;
    private readonly SeriesOptions _options;

    public SeriesDirectory(ISeriesCatalog catalog, IAccessPolicy access, IOptions<SeriesOptions> options)
    {
        _catalog = catalog;
        _access = access;
        _options = options.Value;
    }

    /// <summary>Readable series, by identifier, starting with <paramref name="prefix"/> when given.</summary>
    public async Task<IReadOnlyList<SeriesDefinition>> ReadableAsync(Jid requester, string? prefix, CancellationToken cancellationToken)
    {
        var all = await _catalog.ListAsync(null, cancellationToken).ConfigureAwait(false);
        return all
            .Where(s => (prefix is null || s.Identifier.StartsWith(prefix, StringComparison.Ordinal)) && _access.MayRead(requester, s.Identifier))
            .ToList();
    }

    /// <summary>
    /// The identifier field: for a person, a choice among the series they may read (open, so one can
    /// still be typed when there are more than fit); for a program, free text it already knows.
    /// </summary>
    public async Task<FormField> IdentifierFieldAsync(CommandStageContext context, CancellationToken cancellationToken)
    {
        if (!context.Interactive)
        {
            return FormField.TextSingle(IdentifierVar, "Series", required: true);
        }

        var readable = await ReadableAsync(context.Requester, null, cancellationToken).ConfigureAwait(false);
        var options = readable.Take(_options.MaxListedSeries)
            .Select(s => new FormOption(s.Identifier, s.Description is null ? s.Identifier : $"{s.Description} ({s.Identifier})"))
            .ToList();
        return FormField.ListSingle(IdentifierVar, "Series", options, required: true, value: options.FirstOrDefault()?.Value) with
        {
            Description = readable.Count > options.Count ? $"The first {options.Count} of {readable.Count} series; type another identifier if needed." : null,
            Validation = new FieldValidation(Method: ValidationMethod.Open),
        };
    }

    /// <summary>The series <paramref name="identifier"/> names, or why the requester cannot have it.</summary>
    public async Task<(SeriesDefinition? Series, CommandError? Error)> ResolveAsync(Jid requester, string identifier, CancellationToken cancellationToken)
    {
        if (identifier.Length > SeriesDefinition.MaxIdentifierLength)
        {
            return (null, new CommandError(CommandErrorKind.BadRequest, $"Series ('identifier'): an identifier has at most {SeriesDefinition.MaxIdentifierLength} characters.", IdentifierVar));
        }

        // Access first: whether a series exists is not disclosed to someone who may not read it.
        if (!_access.MayRead(requester.Bare, identifier))
        {
            return (null, new CommandError(CommandErrorKind.NotAuthorized, $"{requester.Bare} is not allowed to read {identifier}."));
        }

        var series = await _catalog.FindAsync(identifier, cancellationToken).ConfigureAwait(false);
        return series is null
            ? (null, new CommandError(CommandErrorKind.NotFound, $"There is no series {identifier}; list_series shows the series you may read."))
            : (series, null);
    }
}
