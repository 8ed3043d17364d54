using Quoalise.Protocol.Quoalise;

namespace Quoalise.Component.Storage.Points;

/// <summary>A point ready for the points table: its series resolved to the catalogue id, its time to microseconds.</summary>
internal readonly record struct PointRow(int SeriesId, long TimeUs, SenMLRecord Point);
