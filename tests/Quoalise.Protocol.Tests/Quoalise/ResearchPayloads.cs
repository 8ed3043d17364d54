namespace Quoalise.Protocol.Tests.Quoalise;

/// <summary>
/// Payloads as the existing Python implementations emit them, rebuilt from the research notes
/// (shared research, "quoalise-anchors" §2 and §3): both metadata generations, the Zabbix empty meta,
/// the library's float forms, and the business error.
/// </summary>
public static class ResearchPayloads
{
    /// <summary>data-connect-proxy get_load_curve (2020): nested meta, int bt, t="0" on the first record.</summary>
    public const string FirstGenerationLoadCurve = """
        <quoalise xmlns="urn:quoalise:0">
          <data>
            <meta>
              <device type="electricity-meter">
                <identifier authority="enedis" type="prm" value="10284856584123"/>
              </device>
              <measurement>
                <physical quantity="power" type="electrical" unit="W"/>
                <business graph="load-profile" direction="production"/>
                <aggregate type="average"/>
                <sampling interval="PT30M"/>
              </measurement>
            </meta>
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:prm:10284856584123_production_load" bt="1600473600" t="0" v="1234" bu="W"/>
              <senml t="1800" v="1300"/>
              <senml t="3600" v="1288"/>
            </sensml>
          </data>
        </quoalise>
        """;

    /// <summary>data-connect-proxy get_daily: business without graph, sum, P1D, Wh.</summary>
    public const string FirstGenerationDaily = """
        <quoalise xmlns="urn:quoalise:0">
          <data>
            <meta>
              <device type="electricity-meter">
                <identifier authority="enedis" type="prm" value="10284856584123"/>
              </device>
              <measurement>
                <physical quantity="energy" type="electrical" unit="Wh"/>
                <business direction="consumption"/>
                <aggregate type="sum"/>
                <sampling interval="P1D"/>
              </measurement>
            </meta>
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:prm:10284856584123_daily_consumption" bt="1600380000" t="0" v="8230" bu="Wh"/>
              <senml t="86400" v="7912"/>
            </sensml>
          </data>
        </quoalise>
        """;

    /// <summary>sge-tiers-proxy main (2022): flattened meta with aggregation and corrected; Python float forms.</summary>
    public const string SecondGenerationLoadCurve = """
        <quoalise xmlns="urn:quoalise:0">
          <data>
            <meta>
              <device type="electricity-meter">
                <identifier authority="enedis" type="prm" value="30001610071843"/>
              </device>
              <measurement name="active-power" direction="consumption" quantity="power"
                           type="electrical" unit="W" aggregation="mean" sampling-interval="PT10M" corrected="false"/>
            </meta>
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:prm:30001610071843_consumption/power/active/raw" bt="1612134000.0" bu="W" v="342.0"/>
              <senml t="600.0" v="338.0"/>
              <senml t="1200.0" v="351.0"/>
            </sensml>
          </data>
        </quoalise>
        """;

    /// <summary>sge-tiers-proxy cyril/subscribe publisher: no aggregation, the unregistered unit Wr, an index name prefix.</summary>
    public const string SecondGenerationReactiveWithPrefix = """
        <quoalise xmlns="urn:quoalise:0">
          <data>
            <meta>
              <device type="electricity-meter">
                <identifier authority="enedis" type="prm" value="30001642617347"/>
              </device>
              <measurement name="inductive-power" direction="consumption" quantity="power"
                           type="electrical" unit="Wr" sampling-interval="PT5M"/>
            </meta>
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:prm:30001642617347_consumption/power/inductive/" bt="1647560408.0" bu="Wr" n="raw" v="12.0"/>
              <senml n="raw" t="300.0" v="14.0"/>
            </sensml>
          </data>
        </quoalise>
        """;

    /// <summary>quoalise-zabbix: an empty meta and units passed through.</summary>
    public const string ZabbixEmptyMeta = """
        <quoalise xmlns="urn:quoalise:0">
          <data>
            <meta/>
            <sensml xmlns="urn:ietf:params:xml:ns:senml">
              <senml bn="urn:dev:org:60060-elfe:45112" bt="1683000000" bu="Cel" v="21.5"/>
              <senml t="60" v="21.6"/>
            </sensml>
          </data>
        </quoalise>
        """;

    /// <summary>§3: the upstream-error inside a stanza error.</summary>
    public const string UpstreamErrorInIq = """
        <iq xmlns="jabber:client" type="error" id="ab63a" to="client@example.org/cli">
          <error type="cancel">
            <undefined-condition xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/>
            <text xmlns="urn:ietf:params:xml:ns:xmpp-stanzas">The requested period cannot be anterior to the meter's last activation date</text>
            <upstream-error xmlns="urn:quoalise:0" issuer="enedis-data-connect" code="ADAM-ERR0123"/>
          </error>
        </iq>
        """;

    public static IEnumerable<TestCaseData> AllPayloads()
    {
        yield return new TestCaseData(FirstGenerationLoadCurve).SetArgDisplayNames(nameof(FirstGenerationLoadCurve));
        yield return new TestCaseData(FirstGenerationDaily).SetArgDisplayNames(nameof(FirstGenerationDaily));
        yield return new TestCaseData(SecondGenerationLoadCurve).SetArgDisplayNames(nameof(SecondGenerationLoadCurve));
        yield return new TestCaseData(SecondGenerationReactiveWithPrefix).SetArgDisplayNames(nameof(SecondGenerationReactiveWithPrefix));
        yield return new TestCaseData(ZabbixEmptyMeta).SetArgDisplayNames(nameof(ZabbixEmptyMeta));
    }
}
