namespace Quoalise.Adapters.Storage;

/// <summary>The database engines the component runs on; set by <c>Storage:Provider</c>.</summary>
public enum SqlEngine
{
    Sqlite,
    MySql,
    Postgres,
}
