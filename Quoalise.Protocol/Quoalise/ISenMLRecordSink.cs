namespace Quoalise.Protocol.Quoalise;

/// <summary>
/// Where <see cref="SenMLPackWriter"/> puts the fields it decided to write: one implementation per
/// representation (XML attributes, JSON members), so the base-field factoring exists once. One sink per
/// write; not thread-safe.
/// </summary>
internal interface ISenMLRecordSink
{
    /// <summary>Called once the records are known to be writable, so that nothing is written otherwise.</summary>
    void StartPack();

    void StartRecord();

    /// <summary>Writes <paramref name="value"/> from <paramref name="start"/> on (a name after its base name).</summary>
    void WriteString(SenMLField field, string value, int start = 0);

    void WriteNumber(SenMLField field, double value);

    /// <summary>Seconds given as 100 ns ticks.</summary>
    void WriteSeconds(SenMLField field, long ticks);

    void WriteBoolean(SenMLField field, bool value);

    void EndRecord();

    void EndPack();
}
