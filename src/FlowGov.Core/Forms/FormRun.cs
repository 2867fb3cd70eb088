using System.Buffers;
using System.Text.Json;
using FlowGov.Core.Scripting;

namespace FlowGov.Core.Forms;

/// <summary>
/// One evaluation or validation of a compiled form. The phases, in order (docs/form-format.md):
/// load and coerce → defaults (validation: computed values cleared, static read-only values restored)
/// → <c>readOnlyWhen</c> (validation: restored) → <c>compute</c> in field order → <c>visibleWhen</c>
/// (hidden values leave the <c>form</c> scripts see) → required, options, static rules and
/// <c>validate</c> per visible field → form-level <c>validate</c> when no field has an error.
/// </summary>
internal sealed class FormRun
{
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Shared;

    private readonly CompiledForm _form;
    private readonly FormContext _ctx;
    private readonly IScriptHost _host;
    private readonly bool _validating;
    private readonly bool _enforceRequired;
    private readonly Slot[] _top;
    private readonly List<Slot[]>?[] _rows;
    private readonly JsonElement[]?[] _rowElements;
    private readonly List<FormError> _loadErrors = [];
    private readonly List<FormError> _formErrors = [];
    private JsonElement _snapshot;
    private bool _dirty = true;
    private bool _dropHidden;
    private List<Dictionary<string, JsonElement>>? _indexExtras;

    private FormRun(CompiledForm form, FormContext ctx, bool validating, bool enforceRequired)
    {
        _form = form;
        _ctx = ctx;
        _host = form.Host;
        _validating = validating;
        _enforceRequired = enforceRequired;
        _top = new Slot[form.Fields.Length];
        _rows = new List<Slot[]>?[form.Fields.Length];
        _rowElements = new JsonElement[]?[form.Fields.Length];
    }

    private struct Slot
    {
        public JsonElement Value;
        public FormError? Error;
        public bool ScriptFailed;
        public bool Present;
        public bool Hidden;
        public bool Required;
        public bool ReadOnly;
        public IReadOnlyList<FieldOption>? Options;
    }

    public static FormEvaluation Evaluate(CompiledForm form, JsonElement values, FormContext ctx)
    {
        var run = new FormRun(form, ctx, validating: false, enforceRequired: true);
        run.Execute(values);
        return run.ToEvaluation();
    }

    public static FormValidationResult Validate(CompiledForm form, JsonElement values, FormContext ctx, bool enforceRequired)
    {
        var run = new FormRun(form, ctx, validating: true, enforceRequired);
        run.Execute(values);
        var errors = run.CollectErrors();
        if (errors.Count > 0)
        {
            return FormValidationResult.Failure(errors);
        }

        run.EnsureSnapshot();
        return FormValidationResult.Success(run._snapshot);
    }

    private void Execute(JsonElement values)
    {
        Load(values);
        ApplyDefaults();
        RunReadOnlyWhen();
        RunComputes();
        _dropHidden = true;
        if (RunVisibility())
        {
            _dirty = true;
        }

        Check();
        if (_enforceRequired && _form.FormValidate is not null && CountFieldErrors() == 0 && _loadErrors.Count == 0)
        {
            RunFormValidate(_form.FormValidate);
        }
    }

    // ---- load -------------------------------------------------------------------------------

    private void Load(JsonElement values)
    {
        if (values.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return;
        }

        if (values.ValueKind != JsonValueKind.Object)
        {
            _loadErrors.Add(FormMessages.Error("", "form.type"));
            return;
        }

        foreach (var p in values.EnumerateObject())
        {
            if (!_form.FieldsByKey.TryGetValue(p.Name, out var f))
            {
                if (_validating)
                {
                    _loadErrors.Add(FormMessages.Error(p.Name, "field.unknown", ("path", p.Name)));
                }

                continue;
            }

            if (f.Kind == FieldKind.Info)
            {
                if (_validating && p.Value.ValueKind != JsonValueKind.Null)
                {
                    _loadErrors.Add(FormMessages.Error(p.Name, "field.noValue", ("label", f.Label)));
                }

                continue;
            }

            ref var slot = ref _top[f.Index];
            slot.Present = true;
            if (f.Kind == FieldKind.Group)
            {
                _rows[f.Index] = LoadRows(f, p.Value, report: true, ref slot);
            }
            else if (FieldCoercer.Coerce(f, p.Value, _ctx, out slot.Value) is { } problem)
            {
                slot.Error = problem.ToError(f.Key, f.Label);
            }
        }
    }

    private List<Slot[]> LoadRows(CompiledField group, JsonElement value, bool report, ref Slot groupSlot)
    {
        var rows = new List<Slot[]>();
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return rows;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            if (report)
            {
                groupSlot.Error = FormMessages.Error(group.Key, "type.list", ("label", group.Label));
            }

            return rows;
        }

        var r = 0;
        foreach (var rowJson in value.EnumerateArray())
        {
            var row = new Slot[group.Children.Length];
            rows.Add(row);
            if (rowJson.ValueKind != JsonValueKind.Object)
            {
                if (report)
                {
                    groupSlot.Error ??= FormMessages.Error(RowPath(group, r), "group.row", ("label", group.Label));
                }

                r++;
                continue;
            }

            foreach (var p in rowJson.EnumerateObject())
            {
                if (!group.ChildrenByKey!.TryGetValue(p.Name, out var c) || c.Kind == FieldKind.Info)
                {
                    if (report && _validating && (c is null || p.Value.ValueKind != JsonValueKind.Null))
                    {
                        var path = RowPath(group, r) + "." + p.Name;
                        _loadErrors.Add(c is null
                            ? FormMessages.Error(path, "field.unknown", ("path", path))
                            : FormMessages.Error(path, "field.noValue", ("label", c.Label)));
                    }

                    continue;
                }

                ref var slot = ref row[c.Index];
                slot.Present = true;
                if (FieldCoercer.Coerce(c, p.Value, _ctx, out slot.Value) is { } problem)
                {
                    slot.Error = report ? problem.ToError(ChildPath(group, r, c), c.Label) : null;
                    slot.Value = report ? slot.Value : default;
                }
            }

            r++;
        }

        return rows;
    }

    // ---- defaults, stored values -----------------------------------------------------------

    private void ApplyDefaults()
    {
        var previous = _ctx.PreviousValues is { ValueKind: JsonValueKind.Object } p ? p : default;
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            if (f.Kind == FieldKind.Group)
            {
                if (_validating && f.Definition.ReadOnly)
                {
                    RestoreRows(f, previous);
                }
                else if (!slot.Present && f.Definition.Default is { } d)
                {
                    var ignored = default(Slot);
                    _rows[f.Index] = LoadRows(f, d, report: false, ref ignored);
                }

                var rows = _rows[f.Index] ??= [];
                var previousRows = previous.ValueKind == JsonValueKind.Object && previous.TryGetProperty(f.Key, out var pr) && pr.ValueKind == JsonValueKind.Array ? pr : default;
                for (var r = 0; r < rows.Count; r++)
                {
                    var previousRow = previousRows.ValueKind == JsonValueKind.Array && r < previousRows.GetArrayLength() ? previousRows[r] : default;
                    foreach (var c in f.Children)
                    {
                        ApplyDefault(c, ref rows[r][c.Index], previousRow);
                    }
                }

                slot.ReadOnly = f.Definition.ReadOnly;
            }
            else
            {
                ApplyDefault(f, ref slot, previous);
            }
        }
    }

    private void ApplyDefault(CompiledField f, ref Slot slot, JsonElement previousContainer)
    {
        if (f.Kind == FieldKind.Info)
        {
            return;
        }

        if (f.Compute is not null)
        {
            slot.ReadOnly = true;
            if (_validating)
            {
                slot.Value = default;
                slot.Error = null;
            }

            return;
        }

        if (f.Definition.ReadOnly)
        {
            slot.ReadOnly = true;
            if (_validating)
            {
                Restore(f, ref slot, previousContainer);
                return;
            }
        }

        if (!slot.Present && f.Definition.Default is { } d && FieldCoercer.Coerce(f, d, _ctx, out var v) is null)
        {
            slot.Value = v;
        }
    }

    private void Restore(CompiledField f, ref Slot slot, JsonElement previousContainer)
    {
        slot.Error = null;
        slot.Value = default;
        if (previousContainer.ValueKind == JsonValueKind.Object && previousContainer.TryGetProperty(f.Key, out var pv)
            && FieldCoercer.Coerce(f, pv, _ctx, out var v) is null)
        {
            slot.Value = v;
        }
        else if (f.Definition.Default is { } d && FieldCoercer.Coerce(f, d, _ctx, out var dv) is null)
        {
            slot.Value = dv;
        }

        _dirty = true;
    }

    private void RestoreRows(CompiledField group, JsonElement previous)
    {
        var ignored = default(Slot);
        _rows[group.Index] = previous.ValueKind == JsonValueKind.Object && previous.TryGetProperty(group.Key, out var pv)
            ? LoadRows(group, pv, report: false, ref ignored)
            : [];
        _top[group.Index].Error = null;
        _dirty = true;
    }

    private JsonElement PreviousRow(CompiledField group, int r) =>
        _ctx.PreviousValues is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(group.Key, out var rows)
        && rows.ValueKind == JsonValueKind.Array && r < rows.GetArrayLength() ? rows[r] : default;

    // ---- scripts ----------------------------------------------------------------------------

    private void RunReadOnlyWhen()
    {
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            if (f.ReadOnlyWhen is { } s && RunFlag(s, f, null, -1, ref slot) == true)
            {
                slot.ReadOnly = true;
                if (_validating)
                {
                    if (f.Kind == FieldKind.Group)
                    {
                        RestoreRows(f, _ctx.PreviousValues ?? default);
                    }
                    else
                    {
                        Restore(f, ref slot, _ctx.PreviousValues ?? default);
                    }
                }
            }

            if (f.Kind == FieldKind.Group && f.HasRowScripts)
            {
                var rows = _rows[f.Index]!;
                for (var r = 0; r < rows.Count; r++)
                {
                    foreach (var c in f.Children)
                    {
                        ref var cs = ref rows[r][c.Index];
                        if (c.ReadOnlyWhen is { } rs && RunFlag(rs, c, f, r, ref cs) == true)
                        {
                            cs.ReadOnly = true;
                            if (_validating)
                            {
                                Restore(c, ref cs, PreviousRow(f, r));
                            }
                        }
                    }
                }
            }
        }
    }

    private void RunComputes()
    {
        foreach (var f in _form.Fields)
        {
            if (f.Compute is { } s)
            {
                Compute(s, f, null, -1, ref _top[f.Index]);
            }

            if (f.Kind == FieldKind.Group && f.HasRowScripts)
            {
                var rows = _rows[f.Index]!;
                for (var r = 0; r < rows.Count; r++)
                {
                    foreach (var c in f.Children)
                    {
                        if (c.Compute is { } rs)
                        {
                            Compute(rs, c, f, r, ref rows[r][c.Index]);
                        }
                    }
                }
            }
        }
    }

    private void Compute(FormScript script, CompiledField f, CompiledField? group, int r, ref Slot slot)
    {
        var result = Run(script, f, group, r, null, ref slot);
        if (!result.Ok)
        {
            return;
        }

        if (f.Kind == FieldKind.Group)
        {
            var ignored = default(Slot);
            _rows[f.Index] = LoadRows(f, result.Value, report: false, ref ignored);
            _dirty = true;
            return;
        }

        var problem = FieldCoercer.Coerce(f, result.Value, _ctx, out var v);
        if (problem is { } p)
        {
            SetScriptError(ref slot, p.ToError(PathOf(f, group, r), f.Label));
            v = default;
        }

        if (!SameValue(slot.Value, v))
        {
            slot.Value = v;
            _dirty = true;
        }
    }

    /// <summary>Runs every visibleWhen; true when something is hidden (the <c>form</c> scripts see then changes).</summary>
    private bool RunVisibility()
    {
        var anyHidden = false;
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            if (f.VisibleWhen is { } s && RunFlag(s, f, null, -1, ref slot) == false)
            {
                slot.Hidden = true;
                anyHidden = true;
            }

            if (f.Kind == FieldKind.Group && f.HasRowScripts && !slot.Hidden)
            {
                var rows = _rows[f.Index]!;
                for (var r = 0; r < rows.Count; r++)
                {
                    foreach (var c in f.Children)
                    {
                        if (c.VisibleWhen is { } rs && RunFlag(rs, c, f, r, ref rows[r][c.Index]) == false)
                        {
                            rows[r][c.Index].Hidden = true;
                            anyHidden = true;
                        }
                    }
                }
            }
        }

        return anyHidden;
    }

    /// <summary>Runs a flag script: true/false, or null when it failed (the failure is on the slot).</summary>
    private bool? RunFlag(FormScript script, CompiledField f, CompiledField? group, int r, ref Slot slot)
    {
        var result = Run(script, f, group, r, null, ref slot);
        return result.Ok ? result.IsTruthy : null;
    }

    private ScriptResult Run(FormScript script, CompiledField f, CompiledField? group, int r, JsonElement? value, ref Slot slot)
    {
        if (script.UsesForm || group is not null)
        {
            EnsureSnapshot();
        }

        JsonElement? row = null;
        Dictionary<string, JsonElement>? extra = null;
        if (group is not null)
        {
            row = RowElement(group, r);
        }

        if (value is { } v)
        {
            extra = new Dictionary<string, JsonElement>(2, StringComparer.Ordinal) { ["value"] = v };
            if (group is not null)
            {
                extra["index"] = JsonValues.Int(r);
            }
        }
        else if (group is not null)
        {
            extra = IndexExtra(r);
        }

        var result = script.Run(_host, Scope(script, row, extra));
        if (!result.Ok)
        {
            SetScriptError(ref slot, ScriptFailure(script, f, group, r, result.Error!));
        }

        return result;
    }

    /// <summary>The <c>{index}</c> extra of a row, shared by every script of that row in this run (the host only reads it).</summary>
    private Dictionary<string, JsonElement> IndexExtra(int r)
    {
        _indexExtras ??= [];
        while (_indexExtras.Count <= r)
        {
            _indexExtras.Add(new Dictionary<string, JsonElement>(1, StringComparer.Ordinal) { ["index"] = JsonValues.Int(_indexExtras.Count) });
        }

        return _indexExtras[r];
    }

    private ScriptScope Scope(FormScript script, JsonElement? row, Dictionary<string, JsonElement>? extra) => new()
    {
        Vars = _ctx.Vars,
        Form = script.UsesForm ? _snapshot : null,
        Instance = script.UsesInstance ? _ctx.Instance : null,
        Task = script.UsesTask ? _ctx.Task : null,
        User = script.UsesUser ? _ctx.UserJson : null,
        Row = row,
        Extra = extra,
        Now = _ctx.Now,
        Calendar = _ctx.Calendar,
    };

    private static FormError ScriptFailure(FormScript script, CompiledField f, CompiledField? group, int r, ScriptError error) =>
        FormMessages.Error(
            PathOf(f, group, r),
            "script.error",
            ("label", f.Label),
            ("property", script.Property),
            ("line", error.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"),
            ("column", error.Column?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"),
            ("detail", $"{error.Kind}: {error.Message}"));

    private static void SetScriptError(ref Slot slot, FormError error)
    {
        if (!slot.ScriptFailed)
        {
            slot.Error = error;
            slot.ScriptFailed = true;
        }
    }

    // ---- checks -----------------------------------------------------------------------------

    private void Check()
    {
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            if (slot.Hidden)
            {
                continue;
            }

            slot.Required = f.Definition.Required;
            if (f.RequiredWhen is { } rw && RunFlag(rw, f, null, -1, ref slot) is { } req)
            {
                slot.Required = req;
            }

            if (f.Kind == FieldKind.Group)
            {
                CheckGroup(f, ref slot);
            }
            else
            {
                slot.Options = ResolveOptions(f, null, -1, ref slot);
                CheckSlot(f, null, -1, ref slot);
            }
        }
    }

    private void CheckGroup(CompiledField group, ref Slot slot)
    {
        var rows = _rows[group.Index]!;
        var def = group.Definition;
        if (slot.Error is null && !slot.ReadOnly)
        {
            if (_enforceRequired && slot.Required && rows.Count == 0)
            {
                slot.Error = FormMessages.Error(group.Key, "field.required", ("label", group.Label));
            }
            else if (_enforceRequired && def.MinRows is { } min && rows.Count < min)
            {
                slot.Error = new FieldProblem("group.minRows", "min", min.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToError(group.Key, group.Label);
            }
            else if (def.MaxRows is { } max && rows.Count > max)
            {
                slot.Error = new FieldProblem("group.maxRows", "max", max.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToError(group.Key, group.Label);
            }
        }

        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var c in group.Children)
            {
                ref var cs = ref rows[r][c.Index];
                if (cs.Hidden)
                {
                    continue;
                }

                cs.Required = c.Definition.Required;
                if (c.RequiredWhen is { } rw && RunFlag(rw, c, group, r, ref cs) is { } req)
                {
                    cs.Required = req;
                }

                cs.Options = ResolveOptions(c, group, r, ref cs);
                if (slot.ReadOnly && _validating)
                {
                    continue;
                }

                CheckSlot(c, group, r, ref cs);
            }
        }

        if (slot.Error is null && group.Validate is { } v && _enforceRequired)
        {
            EnsureSnapshot();
            var value = _snapshot.TryGetProperty(group.Key, out var gv) ? gv : default;
            RunValidate(v, group, null, -1, value, ref slot);
        }
    }

    private void CheckSlot(CompiledField f, CompiledField? group, int r, ref Slot slot)
    {
        if (slot.Error is not null || f.Kind == FieldKind.Info || (slot.ReadOnly && f.Compute is null))
        {
            return;
        }

        if (slot.Value.ValueKind == JsonValueKind.Undefined)
        {
            if (slot.Required && _enforceRequired)
            {
                slot.Error = FormMessages.Error(PathOf(f, group, r), "field.required", ("label", f.Label));
            }

            return;
        }

        if (FieldRules.Check(f, slot.Value, slot.Options, _ctx) is { } problem)
        {
            slot.Error = problem.Key == "text.pattern" && f.Definition.PatternMessage is { } pm
                ? FormMessages.Custom(PathOf(f, group, r), problem.Key, pm)
                : problem.ToError(PathOf(f, group, r), f.Label);
            return;
        }

        if (f.Validate is { } v && _enforceRequired)
        {
            RunValidate(v, f, group, r, slot.Value, ref slot);
        }
    }

    private void RunValidate(FormScript script, CompiledField f, CompiledField? group, int r, JsonElement value, ref Slot slot)
    {
        var result = Run(script, f, group, r, value, ref slot);
        if (result.Ok && Message(result.Value) is { } text)
        {
            slot.Error = FormMessages.Custom(PathOf(f, group, r), "custom", text);
        }
    }

    /// <summary>A script's message: a non-empty string, or <c>{"zh-CN": …, "en": …}</c>; anything falsy means "no problem".</summary>
    private static LocalizedText? Message(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var s = value.GetString()!;
                return s.Length == 0 ? null : LocalizedText.Same(s);
            case JsonValueKind.Object when value.TryGetProperty("zh-CN", out var zh) && zh.ValueKind == JsonValueKind.String:
                var en = value.TryGetProperty("en", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : zh.GetString()!;
                return new LocalizedText(zh.GetString()!, en);
            case JsonValueKind.True:
                return null;
            default:
                return null;
        }
    }

    private void RunFormValidate(FormScript script)
    {
        EnsureSnapshot();
        var result = script.Run(_host, Scope(script, null, null));
        if (!result.Ok)
        {
            var e = result.Error!;
            _formErrors.Add(FormMessages.Error(
                "",
                "form.script",
                ("line", e.Line?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"),
                ("column", e.Column?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"),
                ("detail", $"{e.Kind}: {e.Message}")));
            return;
        }

        if (Message(result.Value) is { } text)
        {
            _formErrors.Add(FormMessages.Custom("", "custom", text));
            return;
        }

        if (result.Value.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var p in result.Value.EnumerateObject())
        {
            if (Message(p.Value) is not { } msg)
            {
                continue;
            }

            var error = FormMessages.Custom(p.Name, "custom", msg);
            if (!TryAttach(p.Name, error))
            {
                _formErrors.Add(error);
            }
        }
    }

    /// <summary>Puts a form-level error on the field it names (<c>phone</c>, <c>parties[1].phone</c>) when that field has none yet.</summary>
    private bool TryAttach(string path, FormError error)
    {
        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            if (_form.FieldsByKey.TryGetValue(path, out var f) && !_top[f.Index].Hidden && _top[f.Index].Error is null)
            {
                _top[f.Index].Error = error;
                return true;
            }

            return false;
        }

        var close = path.IndexOf("].", bracket, StringComparison.Ordinal);
        if (close < 0
            || !_form.FieldsByKey.TryGetValue(path[..bracket], out var g) || g.Kind != FieldKind.Group
            || !int.TryParse(path.AsSpan(bracket + 1, close - bracket - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r)
            || !g.ChildrenByKey!.TryGetValue(path[(close + 2)..], out var c))
        {
            return false;
        }

        var rows = _rows[g.Index]!;
        if (r >= rows.Count || rows[r][c.Index].Hidden || rows[r][c.Index].Error is not null)
        {
            return false;
        }

        rows[r][c.Index].Error = error;
        return true;
    }

    private IReadOnlyList<FieldOption>? ResolveOptions(CompiledField f, CompiledField? group, int r, ref Slot slot)
    {
        if (!FieldKinds.HasOptions(f.Kind))
        {
            return null;
        }

        if (f.Definition.Options is { } fixedOptions)
        {
            return fixedOptions;
        }

        JsonElement source = default;
        if (f.Definition.OptionsFrom is { } from)
        {
            var dot = from.IndexOf('.', StringComparison.Ordinal);
            var root = from[..dot];
            var rest = from.AsSpan(dot + 1);
            var restDot = rest.IndexOf('.');
            var found = root switch
            {
                "vars" => _ctx.Vars.TryGetValue(restDot < 0 ? rest.ToString() : rest[..restDot].ToString(), out source)
                          && (restDot < 0 || JsonValues.TryFollow(source, rest[(restDot + 1)..], out source)),
                "instance" => _ctx.Instance is { } i && JsonValues.TryFollow(i, rest, out source),
                "task" => _ctx.Task is { } t && JsonValues.TryFollow(t, rest, out source),
                "user" => _ctx.UserJson is { } u && JsonValues.TryFollow(u, rest, out source),
                _ => false,
            };
            if (!found)
            {
                return [];
            }
        }
        else if (f.OptionsScript is { } script)
        {
            var result = Run(script, f, group, r, null, ref slot);
            if (!result.Ok)
            {
                return [];
            }

            source = result.Value;
        }

        if (source.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return [];
        }

        var options = source.ValueKind == JsonValueKind.Array ? FormDefinitionReader.ReadOptions(source, out _) : null;
        if (options is null)
        {
            SetScriptError(ref slot, FormMessages.Error(PathOf(f, group, r), "script.result", ("label", f.Label), ("property", "options")));
            return [];
        }

        return options;
    }

    // ---- snapshot and output ----------------------------------------------------------------

    private void EnsureSnapshot()
    {
        if (!_dirty)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var f in _form.Fields)
            {
                ref var slot = ref _top[f.Index];
                if (f.Kind == FieldKind.Info || (_dropHidden && slot.Hidden))
                {
                    continue;
                }

                if (f.Kind == FieldKind.Group)
                {
                    w.WriteStartArray(f.Key);
                    foreach (var row in _rows[f.Index]!)
                    {
                        w.WriteStartObject();
                        foreach (var c in f.Children)
                        {
                            ref var cs = ref row[c.Index];
                            if (cs.Value.ValueKind != JsonValueKind.Undefined && !(_dropHidden && cs.Hidden))
                            {
                                w.WritePropertyName(c.Key);
                                cs.Value.WriteTo(w);
                            }
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }
                else if (slot.Value.ValueKind != JsonValueKind.Undefined)
                {
                    w.WritePropertyName(f.Key);
                    slot.Value.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        _snapshot = JsonElement.Parse(buffer.WrittenSpan);
        Array.Clear(_rowElements);
        _dirty = false;
    }

    private JsonElement RowElement(CompiledField group, int r)
    {
        var rows = _rowElements[group.Index] ??= _snapshot.TryGetProperty(group.Key, out var arr) ? [.. arr.EnumerateArray()] : [];
        return r < rows.Length ? rows[r] : JsonValues.EmptyObject;
    }

    private static bool SameValue(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind == JsonValueKind.Undefined || JsonElement.DeepEquals(a, b));

    private static string RowPath(CompiledField group, int r) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group.Key}[{r}]");

    private static string ChildPath(CompiledField group, int r, CompiledField child) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group.Key}[{r}].{child.Key}");

    private static string PathOf(CompiledField f, CompiledField? group, int r) => group is null ? f.Key : ChildPath(group, r, f);

    private int CountFieldErrors()
    {
        var n = 0;
        foreach (var f in _form.Fields)
        {
            if (_top[f.Index].Hidden)
            {
                continue;
            }

            n += _top[f.Index].Error is null ? 0 : 1;
            if (f.Kind == FieldKind.Group)
            {
                foreach (var row in _rows[f.Index]!)
                {
                    foreach (var cs in row)
                    {
                        n += cs.Error is null || cs.Hidden ? 0 : 1;
                    }
                }
            }
        }

        return n;
    }

    private List<FormError> CollectErrors()
    {
        var errors = new List<FormError>(_loadErrors);
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            if (slot.Hidden)
            {
                continue;
            }

            if (slot.Error is { } e)
            {
                errors.Add(e);
            }

            if (f.Kind == FieldKind.Group)
            {
                foreach (var row in _rows[f.Index]!)
                {
                    foreach (var cs in row)
                    {
                        if (!cs.Hidden && cs.Error is { } ce)
                        {
                            errors.Add(ce);
                        }
                    }
                }
            }
        }

        errors.AddRange(_formErrors);
        return errors;
    }

    private FormEvaluation ToEvaluation()
    {
        EnsureSnapshot();
        var fields = new Dictionary<string, FieldState>(_form.Fields.Length * 2, StringComparer.Ordinal);
        foreach (var f in _form.Fields)
        {
            ref var slot = ref _top[f.Index];
            var value = slot.Value;
            if (f.Kind == FieldKind.Group && _snapshot.TryGetProperty(f.Key, out var gv))
            {
                value = gv;
            }

            fields[f.Key] = State(f, f.Key, null, ref slot, value);
            if (f.Kind == FieldKind.Group)
            {
                var rows = _rows[f.Index]!;
                for (var r = 0; r < rows.Count; r++)
                {
                    foreach (var c in f.Children)
                    {
                        ref var cs = ref rows[r][c.Index];
                        if (slot.Hidden)
                        {
                            cs.Hidden = true;
                        }

                        if (slot.ReadOnly)
                        {
                            cs.ReadOnly = true;
                        }

                        var path = ChildPath(f, r, c);
                        fields[path] = State(c, path, r, ref cs, cs.Value);
                    }
                }
            }
        }

        return new FormEvaluation(fields, CollectErrors(), _snapshot);
    }

    private static FieldState State(CompiledField f, string path, int? row, ref Slot slot, JsonElement value) => new()
    {
        Path = path,
        Key = f.Key,
        Kind = f.Kind,
        Visible = !slot.Hidden,
        Required = !slot.Hidden && slot.Required,
        ReadOnly = slot.ReadOnly || f.Kind == FieldKind.Info,
        Value = value,
        Options = slot.Options ?? f.Definition.Options,
        Error = slot.Hidden ? null : slot.Error,
        Row = row,
    };
}
