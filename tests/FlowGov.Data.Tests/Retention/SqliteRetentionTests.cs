using FlowGov.Data.Tests.Infrastructure;

namespace FlowGov.Data.Tests.Retention;

public sealed class SqliteRetentionTests() : RetentionContract(new SqliteSource());
