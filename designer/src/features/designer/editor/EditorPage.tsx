// The process editor: palette | canvas | properties, with forms and test run as tabs, validation below,
import type { ButtonProps } from 'antd';
// autosave, publish, versions, read-only views and diffs of versions highlighted on the canvas.
import { Alert, App, Button, Input, Modal, Result, Segmented, Space, Spin, Tabs, Tag, Tooltip, Typography } from 'antd';
import {
  ApartmentOutlined,
  ArrowLeftOutlined,
  CloudUploadOutlined,
  DownloadOutlined,
  HistoryOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  definitionsApi,
  useActivityDescriptors,
  useDefinitionVersion,
  useDiff,
  usePublish,
  type DefinitionJson,
  type DefinitionProblem,
} from '../../../api/definitions';
import { copySelection, paste, type Clipboard } from '../../../graph/definitionGraph';
import { diffOverlay, emptyHighlight } from '../../../graph/diffOverlay';
import { autoLayout } from '../../../graph/layout';
import { hasRole, useMe } from '../../../auth/session';
import { ProcessCanvas } from '../canvas/ProcessCanvas';
import { FormDesignerPanel } from '../forms';
import { TestRunPanel } from '../testrun';
import { DiffPanel } from './DiffPanel';
import { Palette } from './Palette';
import { PropertyPanel } from './PropertyPanel';
import { useDraftPersistence } from './useDraftPersistence';
import { useValidation } from './useValidation';
import { ValidationPanel } from './ValidationPanel';
import { VariablesPanel } from './VariablesPanel';
import { VersionsDrawer } from './VersionsDrawer';
import { ConflictModal } from './ConflictModal';
import { ShortcutsPopover } from './ShortcutsPopover';
import { downloadJson } from '../list/download';

type Mode = { kind: 'edit' } | { kind: 'view'; version: number } | { kind: 'diff'; from: number; to: number };

const statusColors: Record<string, string> = { clean: 'green', dirty: 'orange', saving: 'blue', conflict: 'red', error: 'red', loading: 'default' };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"], .monaco-editor');
}

export function EditorPage() {
  const { key = '' } = useParams();
  const { t } = useTranslation('designer');
  const { message } = App.useApp();
  const me = useMe();
  const canEdit = hasRole(me.data, 'designer', 'admin');
  const draft = useDraftPersistence(key);
  const descriptors = useActivityDescriptors();
  const publish = usePublish(key);
  const [search, setSearch] = useSearchParams();
  const [tab, setTab] = useState<string>('canvas');
  const [side, setSide] = useState<string>('properties');
  const [selection, setSelection] = useState<string[]>([]);
  const [focus, setFocus] = useState<{ property: string | null; line: number | null; token: number } | null>(null);
  const [focusToken, setFocusToken] = useState(0);
  const [fitToken, setFitToken] = useState(0);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [note, setNote] = useState('');
  const clipboard = useRef<Clipboard | null>(null);

  const mode: Mode = useMemo(() => {
    const view = search.get('view');
    const from = search.get('from');
    const to = search.get('to');
    if (view) return { kind: 'view', version: Number(view) };
    if (from !== null && to !== null) return { kind: 'diff', from: Number(from), to: Number(to) };
    return { kind: 'edit' };
  }, [search]);
  const setMode = (m: Mode) =>
    setSearch(m.kind === 'view' ? { view: String(m.version) } : m.kind === 'diff' ? { from: String(m.from), to: String(m.to) } : {});

  const definition = draft.definition;
  const readOnly = !canEdit || mode.kind !== 'edit';
  const { problems, checking } = useValidation(mode.kind === 'edit' ? definition : null);
  const problemCounts = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const p of problems) if (p.activityId) counts[p.activityId] = (counts[p.activityId] ?? 0) + 1;
    return counts;
  }, [problems]);

  // Versions shown read-only or compared (0 = the draft in the store).
  const viewVersion = useDefinitionVersion(key, mode.kind === 'view' ? mode.version : null);
  const fromVersion = useDefinitionVersion(key, mode.kind === 'diff' && mode.from > 0 ? mode.from : null);
  const toVersion = useDefinitionVersion(key, mode.kind === 'diff' && mode.to > 0 ? mode.to : null);
  const serverDiff = useDiff(key, mode.kind === 'diff' ? mode.from : null, mode.kind === 'diff' ? mode.to : null);
  const diffView = useMemo(() => {
    if (mode.kind !== 'diff') return null;
    const a = mode.from === 0 ? definition : fromVersion.data;
    const b = mode.to === 0 ? definition : toVersion.data;
    if (!a || !b) return null;
    return diffOverlay(a, b, serverDiff.data);
  }, [mode, definition, fromVersion.data, toVersion.data, serverDiff.data]);

  const shown: DefinitionJson | null | undefined = mode.kind === 'view' ? viewVersion.data : mode.kind === 'diff' ? diffView?.definition : definition;
  const highlight = mode.kind === 'diff' ? (diffView?.highlight ?? emptyHighlight) : emptyHighlight;

  const change = useCallback((next: DefinitionJson, coalesce?: string) => draft.update(next, { coalesce }), [draft]);

  const runLayout = useCallback(async () => {
    if (!definition) return;
    draft.update(await autoLayout(definition));
    setFitToken((n) => n + 1);
  }, [definition, draft]);

  // Keyboard shortcuts (Del is React Flow's own).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        if (!readOnly) void draft.saveNow();
        return;
      }
      if (isTyping(e.target) || readOnly || tab !== 'canvas') return;
      if (k === 'z' && !e.shiftKey) (e.preventDefault(), draft.undo());
      else if (k === 'y' || (k === 'z' && e.shiftKey)) (e.preventDefault(), draft.redo());
      else if (k === 'c' && definition && selection.length) clipboard.current = copySelection(definition, selection);
      else if (k === 'v' && clipboard.current?.activities.length) {
        const pasted = paste(draft.store.getState().definition!, clipboard.current);
        draft.update(pasted.definition);
        setSelection(pasted.ids);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [draft, definition, readOnly, selection, tab]);

  const pickProblem = (p: DefinitionProblem) => {
    if (!p.activityId) return;
    setMode({ kind: 'edit' });
    setTab('canvas');
    setSide('properties');
    setSelection([p.activityId]);
    setFocus({ property: p.property ?? null, line: p.line ?? null, token: Date.now() });
    setFocusToken((n) => n + 1);
  };

  const doPublish = async () => {
    const revision = await draft.saveNow();
    if (revision === null) {
      message.error(t('publish.notSaved'));
      return;
    }
    try {
      const info = await publish.mutateAsync({ revision, note: note.trim() });
      // Publishing bumps the draft's revision (a concurrency token), content unchanged.
      const fresh = await definitionsApi.draft(key).catch(() => null);
      if (fresh) draft.store.setRevision(fresh.revision);
      message.success(t('publish.done', { version: info.version }));
      setPublishOpen(false);
      setNote('');
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  if (draft.status === 'loading' && !definition) return <Spin style={{ margin: 48 }} />;
  if (!definition)
    return <Result status="warning" title={t('editor.loadFailed')} subTitle={draft.error} extra={<Link to="/designer">{t('editor.back')}</Link>} />;

  const selectedActivity = selection.length === 1 ? (shown?.activities ?? []).find((a) => a.id === selection[0]) : undefined;
  const selectedDescriptor = selectedActivity ? descriptors.data?.find((d) => d.type === selectedActivity.type) : undefined;
  const blocking = problems.length > 0;

  const toolbar = (
    <div style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 12px', borderBottom: '1px solid #f0f0f0', background: '#fff', flexWrap: 'wrap' }}>
      <Link to="/designer" aria-label={t('editor.back')}>
        <ArrowLeftOutlined />
      </Link>
      <Input
        data-testid="definition-name"
        variant="borderless"
        style={{ width: 220, fontWeight: 600, fontSize: 15 }}
        value={definition.name}
        disabled={readOnly}
        onChange={(e) => draft.update({ ...definition, name: e.target.value }, { coalesce: 'definition-name' })}
      />
      <Typography.Text code>{key}</Typography.Text>
      <Tag data-testid="save-status" data-status={draft.status} color={statusColors[draft.status]}>
        {t(`save.${draft.status}`)}
        {draft.revision > 0 ? ` · r${draft.revision}` : ''}
      </Tag>
      <Segmented
        data-testid="editor-tabs"
        value={tab}
        onChange={(v) => setTab(String(v))}
        options={[
          { value: 'canvas', label: t('tabs.canvas') },
          { value: 'forms', label: t('tabs.forms') },
          { value: 'testrun', label: t('tabs.testrun') },
        ]}
      />
      <span style={{ flex: 1 }} />
      {mode.kind === 'edit' && canEdit && (
        <Space size={4}>
          <Tooltip title={t('shortcuts.undo')}>
            <Button size="small" icon={<UndoOutlined />} disabled={!draft.canUndo} onClick={draft.undo} data-testid="undo" aria-label={t('shortcuts.undo')} />
          </Tooltip>
          <Tooltip title={t('shortcuts.redo')}>
            <Button size="small" icon={<RedoOutlined />} disabled={!draft.canRedo} onClick={draft.redo} data-testid="redo" aria-label={t('shortcuts.redo')} />
          </Tooltip>
          <Tooltip title={t('editor.layout')}>
            <Button size="small" icon={<ApartmentOutlined />} onClick={() => void runLayout()} data-testid="auto-layout" aria-label={t('editor.layout')} />
          </Tooltip>
          <Tooltip title={t('shortcuts.save')}>
            <Button size="small" icon={<SaveOutlined />} onClick={() => void draft.saveNow()} data-testid="save" loading={draft.status === 'saving'}>
              {t('editor.save')}
            </Button>
          </Tooltip>
          <Tooltip title={blocking ? t('publish.blocked', { count: problems.length }) : undefined}>
            <Button size="small" type="primary" icon={<CloudUploadOutlined />} disabled={blocking || draft.status === 'conflict'} onClick={() => setPublishOpen(true)} data-testid="publish">
              {t('editor.publish')}
            </Button>
          </Tooltip>
        </Space>
      )}
      {mode.kind === 'edit' && canEdit && <ShortcutsPopover />}
      <Button size="small" icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} data-testid="versions">
        {t('editor.versions')}
      </Button>
      <Tooltip title={t('editor.export')}>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          aria-label={t('editor.export')}
          onClick={() => downloadJson(`${key}.json`, { format: 'flowgov-bundle/1', exportedAt: new Date().toISOString(), definitions: [shown ?? definition] })}
        />
      </Tooltip>
    </div>
  );

  const banner =
    mode.kind !== 'edit' ? (
      <Alert
        data-testid={mode.kind === 'diff' ? 'diff-banner' : 'view-banner'}
        type={mode.kind === 'diff' ? 'warning' : 'info'}
        showIcon
        style={{ borderRadius: 0 }}
        title={
          mode.kind === 'view'
            ? t('view.banner', { version: mode.version })
            : t('diff.banner', { from: mode.from === 0 ? t('versions.draft') : `v${mode.from}`, to: mode.to === 0 ? t('versions.draft') : `v${mode.to}` })
        }
        action={
          <Button size="small" onClick={() => setMode({ kind: 'edit' })} data-testid="back-to-edit">
            {t('view.backToEdit')}
          </Button>
        }
      />
    ) : null;

  const canvasArea =
    shown === undefined || shown === null ? (
      <Spin style={{ margin: 48 }} />
    ) : (
      <ProcessCanvas
        key={mode.kind === 'edit' ? 'edit' : JSON.stringify(mode)}
        definition={shown}
        highlight={highlight}
        readOnly={readOnly}
        onChange={change}
        selectedIds={selection}
        onSelectionChange={setSelection}
        problems={mode.kind === 'edit' ? problemCounts : undefined}
        focusToken={focusToken}
        fitToken={fitToken}
      />
    );

  const sidePanel =
    mode.kind === 'diff' ? (
      <div style={{ padding: 8 }}>
        <Typography.Title level={5} style={{ margin: '4px 4px 8px' }}>
          {t('diff.title')}
        </Typography.Title>
        <DiffPanel diff={serverDiff.data} highlight={highlight} onPick={(id) => (setSelection([id]), setFocusToken((n) => n + 1))} />
      </div>
    ) : (
      <Tabs
        size="small"
        activeKey={side}
        onChange={setSide}
        style={{ padding: '0 8px' }}
        items={[
          {
            key: 'properties',
            label: t('side.properties'),
            children:
              selectedActivity && shown ? (
                <PropertyPanel
                  key={selectedActivity.id}
                  definition={shown}
                  activity={selectedActivity}
                  descriptor={selectedDescriptor}
                  readOnly={readOnly}
                  problems={mode.kind === 'edit' ? problems : []}
                  onChange={change}
                  onRenamed={(id) => setSelection([id])}
                  focus={focus}
                />
              ) : (
                <Typography.Paragraph type="secondary" style={{ padding: 12 }}>
                  {t('side.selectHint')}
                </Typography.Paragraph>
              ),
          },
          { key: 'variables', label: t('side.variables'), children: shown ? <VariablesPanel definition={shown} onChange={change} readOnly={readOnly} /> : null },
        ]}
      />
    );

  return (
    <div data-testid="designer-editor" style={{ display: 'flex', flexDirection: 'column', height: 'calc(100vh - 96px)', minHeight: 480, background: '#fff' }}>
      {toolbar}
      {banner}
      <div style={{ flex: 1, minHeight: 0, display: tab === 'canvas' ? 'flex' : 'none' }}>
        {mode.kind === 'edit' && canEdit && (
          <div style={{ width: 168, borderRight: '1px solid #f0f0f0', overflow: 'auto', background: '#fcfcfc' }}>
            <Palette descriptors={descriptors.data ?? []} />
          </div>
        )}
        <div style={{ flex: 1, minWidth: 0, position: 'relative' }}>{canvasArea}</div>
        <div style={{ width: 320, borderLeft: '1px solid #f0f0f0', overflow: 'auto' }}>{sidePanel}</div>
      </div>
      {tab === 'forms' && shown && (
        <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <FormDesignerPanel definition={shown} onChange={(d) => change(d)} readOnly={readOnly} diff={mode.kind === 'diff' ? serverDiff.data : null} />
        </div>
      )}
      {tab === 'testrun' && (
        <div style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <TestRunPanel definitionKey={key} definition={definition} />
        </div>
      )}
      {mode.kind === 'edit' && (
        <div style={{ borderTop: '1px solid #f0f0f0' }}>
          <ValidationPanel problems={problems} checking={checking} onPick={pickProblem} />
        </div>
      )}
      <VersionsDrawer
        definitionKey={key}
        open={versionsOpen}
        readOnly={!canEdit}
        onClose={() => setVersionsOpen(false)}
        onView={(version) => (setVersionsOpen(false), setMode({ kind: 'view', version }))}
        onDiff={(from, to) => (setVersionsOpen(false), setSelection([]), setMode({ kind: 'diff', from, to }))}
        onRolledBack={async (_info, toVersion) => {
          // The draft follows the rollback, so the next publish does not bring the undone change back (undoable).
          const content = await definitionsApi.version(key, toVersion);
          draft.update({ ...content, version: 0, contentHash: null });
        }}
      />
      <Modal
        open={publishOpen}
        title={t('publish.title')}
        okText={t('editor.publish')}
        okButtonProps={{ disabled: !note.trim(), loading: publish.isPending, 'data-testid': 'publish-confirm' } as ButtonProps}
        onOk={() => void doPublish()}
        onCancel={() => setPublishOpen(false)}
      >
        <Input.TextArea data-testid="publish-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('publish.notePlaceholder')} />
      </Modal>
      <ConflictModal draft={draft} />
    </div>
  );
}
