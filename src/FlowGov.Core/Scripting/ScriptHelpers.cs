using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace FlowGov.Core.Scripting;

/// <summary>
/// The helper functions every script sees (documented in docs/scripting.md). Each takes and returns
/// plain JS values; dates go in as ISO strings, JS Dates or epoch milliseconds and come out as ISO
/// 8601 UTC strings. Calendar arithmetic uses the run's <see cref="ScriptScope.Calendar"/>.
/// </summary>
internal static class ScriptHelpers
{
    public static readonly string[] Names =
        ["now", "addDays", "addHours", "addWorkdays", "workdaysBetween", "daysBetween", "isWorkday", "parseDate", "formatDate", "sum", "count", "distance", "contains"];

    public static void Install(Engine engine)
    {
        Add(engine, "now", 0, (_, _) => Iso(Scope().Now));
        Add(engine, "addDays", 2, (_, a) =>
        {
            var (date, calendar) = (Date(engine, a, 0, "addDays"), Scope().Calendar);
            var local = TimeZoneInfo.ConvertTime(date, calendar.TimeZone).DateTime.AddDays(Int(engine, a, 1, "addDays"));
            return Iso(new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local)));
        });
        Add(engine, "addHours", 2, (_, a) => Iso(Date(engine, a, 0, "addHours").AddHours(Number(engine, a, 1, "addHours"))));
        Add(engine, "addWorkdays", 2, (_, a) => Iso(Scope().Calendar.AddWorkdays(Date(engine, a, 0, "addWorkdays"), Int(engine, a, 1, "addWorkdays"))));
        Add(engine, "workdaysBetween", 2, (_, a) => Scope().Calendar.WorkdaysBetween(Date(engine, a, 0, "workdaysBetween"), Date(engine, a, 1, "workdaysBetween")));
        Add(engine, "daysBetween", 2, (_, a) =>
        {
            var zone = Scope().Calendar.TimeZone;
            var from = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Date(engine, a, 0, "daysBetween"), zone).DateTime);
            var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Date(engine, a, 1, "daysBetween"), zone).DateTime);
            return to.DayNumber - from.DayNumber;
        });
        Add(engine, "isWorkday", 1, (_, a) =>
        {
            var calendar = Scope().Calendar;
            return calendar.IsWorkday(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Date(engine, a, 0, "isWorkday"), calendar.TimeZone).DateTime));
        });
        Add(engine, "parseDate", 1, (_, a) =>
            TryDate(a.Length > 0 ? a[0] : JsValue.Undefined, out var d) ? engine.Date.Construct(d) : JsValue.Null);
        Add(engine, "formatDate", 2, (_, a) =>
        {
            var date = Date(engine, a, 0, "formatDate");
            var pattern = a.Length > 1 && !a[1].IsUndefined() ? TypeConverter.ToString(a[1]) : "yyyy-MM-dd HH:mm";
            if (pattern.Length > 64)
            {
                throw new JavaScriptException(engine.RangeError, "formatDate: the pattern is longer than 64 characters");
            }

            try
            {
                return TimeZoneInfo.ConvertTime(date, Scope().Calendar.TimeZone).ToString(pattern, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw new JavaScriptException(engine.RangeError, $"formatDate: '{pattern}' is not a date pattern (use yyyy, MM, dd, HH, mm, ss)");
            }
        });
        Add(engine, "sum", 2, (_, a) =>
        {
            var key = a.Length > 1 && !a[1].IsUndefined() ? TypeConverter.ToString(a[1]) : null;
            double total = 0;
            foreach (var item in Items(engine, a, "sum"))
            {
                var v = key is null ? item : item.IsObject() ? item.AsObject().Get(key) : JsValue.Undefined;
                if (!v.IsUndefined() && !v.IsNull())
                {
                    total += TypeConverter.ToNumber(v);
                }
            }

            return total;
        });
        Add(engine, "count", 2, (_, a) =>
        {
            var predicate = a.Length > 1 && a[1].IsObject() ? a[1].AsObject() as ICallable : null;
            if (a.Length > 1 && !a[1].IsUndefined() && predicate is null)
            {
                throw new JavaScriptException(engine.TypeError, "count: the second argument must be a function (item, index) { return …; }");
            }

            var n = 0;
            var index = 0;
            foreach (var item in Items(engine, a, "count"))
            {
                if (predicate is null || TypeConverter.ToBoolean(predicate.Call(JsValue.Undefined, [item, index])))
                {
                    n++;
                }

                index++;
            }

            return n;
        });
        Add(engine, "distance", 4, (_, a) =>
        {
            double Rad(int i) => Number(engine, a, i, "distance") * Math.PI / 180;
            var (lat1, lng1, lat2, lng2) = (Rad(0), Rad(1), Rad(2), Rad(3));
            var h = Math.Pow(Math.Sin((lat2 - lat1) / 2), 2) + (Math.Cos(lat1) * Math.Cos(lat2) * Math.Pow(Math.Sin((lng2 - lng1) / 2), 2));
            return 2 * 6371.0088 * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        });
        Add(engine, "contains", 2, (_, a) =>
        {
            var haystack = a.Length > 0 ? a[0] : JsValue.Undefined;
            var needle = a.Length > 1 ? a[1] : JsValue.Undefined;
            if (haystack.IsString())
            {
                return haystack.AsString().Contains(TypeConverter.ToString(needle), StringComparison.Ordinal);
            }

            if (haystack.IsNull() || haystack.IsUndefined())
            {
                return false;
            }

            foreach (var item in Items(engine, a, "contains"))
            {
                if (SameValue(item, needle))
                {
                    return true;
                }
            }

            return false;
        });
    }

    private static void Add(Engine engine, string name, int length, Func<JsValue, JsValue[], JsValue> body) =>
        engine.Global.FastAddProperty(name, new ClrFunctionInstance(engine, body, length), false, false, false);

    private static ScriptScope Scope() => RunGuard.Current?.Scope ?? new ScriptScope();

    private static JsValue Iso(DateTimeOffset value) => JsonInterop.FormatIso(value.ToUnixTimeMilliseconds());

    private static DateTimeOffset Date(Engine engine, JsValue[] args, int index, string helper) =>
        TryDate(index < args.Length ? args[index] : JsValue.Undefined, out var d)
            ? d
            : throw new JavaScriptException(engine.TypeError, $"{helper}: argument {index + 1} is not a date (give an ISO 8601 string such as '2025-03-01' or a Date)");

    private static bool TryDate(JsValue value, out DateTimeOffset date)
    {
        date = default;
        try
        {
            if (value.IsObject() && value.AsObject().Class == "Date")
            {
                var ms = value.AsDate().PrimitiveValue;
                if (double.IsNaN(ms))
                {
                    return false;
                }

                date = DateTimeOffset.FromUnixTimeMilliseconds((long)ms);
                return true;
            }

            if (value.IsNumber() && !double.IsNaN(value.AsNumber()))
            {
                date = DateTimeOffset.FromUnixTimeMilliseconds((long)value.AsNumber());
                return true;
            }

            if (!value.IsString() || value.AsString().Length > 64)
            {
                return false;
            }

            var text = value.AsString().Trim();
            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
            {
                return false;
            }

            if (parsed.Kind == DateTimeKind.Unspecified)
            {
                // No offset written: a local time in the district's calendar.
                var zone = Scope().Calendar.TimeZone;
                date = new DateTimeOffset(parsed, zone.GetUtcOffset(parsed));
                return true;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out date);
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static double Number(Engine engine, JsValue[] args, int index, string helper)
    {
        var n = index < args.Length ? TypeConverter.ToNumber(args[index]) : double.NaN;
        return double.IsNaN(n) || double.IsInfinity(n)
            ? throw new JavaScriptException(engine.TypeError, $"{helper}: argument {index + 1} is not a number")
            : n;
    }

    private static int Int(Engine engine, JsValue[] args, int index, string helper)
    {
        var n = Number(engine, args, index, helper);
        return Math.Abs(n) > 36_500
            ? throw new JavaScriptException(engine.RangeError, $"{helper}: {n} is out of range (at most 36500)")
            : (int)Math.Truncate(n);
    }

    private static IEnumerable<JsValue> Items(Engine engine, JsValue[] args, string helper)
    {
        var source = args.Length > 0 ? args[0] : JsValue.Undefined;
        if (source.IsNull() || source.IsUndefined())
        {
            yield break;
        }

        if (!source.IsObject())
        {
            throw new JavaScriptException(engine.TypeError, $"{helper}: the first argument must be an array");
        }

        ObjectInstance obj = source.AsObject();
        var length = TypeConverter.ToUint32(obj.Get("length"));
        RunGuard.Current?.CheckArrayLength(length, helper);
        for (uint i = 0; i < length; i++)
        {
            yield return obj.Get(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static bool SameValue(JsValue a, JsValue b)
    {
        if (a.IsNumber() && b.IsNumber())
        {
            return a.AsNumber() == b.AsNumber();
        }

        if (a.IsString() && b.IsString())
        {
            return a.AsString() == b.AsString();
        }

        if (a.IsBoolean() && b.IsBoolean())
        {
            return a.AsBoolean() == b.AsBoolean();
        }

        if (a.IsObject() && b.IsObject())
        {
            return ReferenceEquals(a.AsObject(), b.AsObject());
        }

        return a.Type == b.Type && (a.IsNull() || a.IsUndefined());
    }
}
