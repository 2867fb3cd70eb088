// The one form renderer (issue #8): staff task forms, the start form, the designer's live preview and
// the test run all render a form JSON through this component, with live state from the server.
import { Alert, Button, Card, Col, Form, Popconfirm, Row, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldInput, type FieldEnvironment } from './FieldInput';
import {
  actionsOf, addRow, applyEvaluation, clientRequiredErrors, fieldPath, getAt, initialValuesFor, isWide, removeRow,
  rowsOf, sectionsOf, setAt, stateOf, valuesForSubmit,
} from './model';
import { errorMessage } from './messages';
import { useEvaluation } from './useEvaluation';
import type {
  ActionDefinition, AttachmentUpload, EvaluateFn, Evaluation, FieldDefinition, FieldDiff, FormDefinition, FormErrorDto, FormValues,
} from './types';
import './forms.css';

export interface FormRendererProps {
  form: FormDefinition;
  initialValues?: FormValues;
  /** Live state from the server (contract 1); without it the form shows its static rules only. */
  evaluate?: EvaluateFn;
  /** A button was pressed and the values passed the client checks; a rejected promise keeps the form as is. */
  onAction?: (actionKey: string, values: FormValues) => unknown;
  readOnly?: boolean;
  attachmentUpload?: AttachmentUpload;
  /** Field keys of this form that were added or changed against another version, to highlight. */
  diff?: FieldDiff;
  /** Pickers' data: taxonomy for category fields, users and org units for person/orgunit fields. */
  environment?: Omit<FieldEnvironment, 'attachmentUpload'>;
  /** Errors from elsewhere, e.g. the server rejecting a submission; shown on their fields. */
  errors?: FormErrorDto[];
  /** Show every error at once (designer preview, tests) instead of after the user touched a field. */
  showAllErrors?: boolean;
  /** Tells the page the current values, e.g. to keep a draft or pin an answer. */
  onValuesChange?: (values: FormValues) => void;
  /** Debounce of the live evaluation. */
  evaluateDelayMs?: number;
  /** The action whose request is running (its button spins). */
  busyAction?: string | null;
  /** Receives each evaluation, e.g. for the designer to show script errors. */
  onEvaluation?: (evaluation: Evaluation | null, failure: unknown) => void;
}

export function FormRenderer(props: FormRendererProps) {
  const { form, evaluate, readOnly = false, diff, showAllErrors = false } = props;
  const { t, i18n } = useTranslation('forms');
  const [values, setValues] = useState<FormValues>(() => initialValuesFor(form, props.initialValues));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const [clientErrors, setClientErrors] = useState<Record<string, FormErrorDto>>({});
  const { evaluation, failure, pending } = useEvaluation(evaluate, values, props.evaluateDelayMs, form);
  const environment: FieldEnvironment = useMemo(
    () => ({ ...props.environment, attachmentUpload: props.attachmentUpload }),
    [props.environment, props.attachmentUpload],
  );

  const { onValuesChange, onEvaluation } = props;
  useEffect(() => onValuesChange?.(values), [values, onValuesChange]);
  useEffect(() => onEvaluation?.(evaluation, failure), [evaluation, failure, onEvaluation]);

  const external = useMemo(() => {
    const byPath: Record<string, FormErrorDto> = {};
    for (const error of props.errors ?? []) if (!(error.path in byPath)) byPath[error.path] = error;
    return byPath;
  }, [props.errors]);

  const change = useCallback((path: string, value: unknown) => {
    setValues((previous) => setAt(previous, path, value));
    setTouched((previous) => (previous.has(path) ? previous : new Set(previous).add(path)));
    setClientErrors((previous) => {
      if (!(path in previous)) return previous;
      const next = { ...previous };
      delete next[path];
      return next;
    });
  }, []);

  const errorAt = (path: string): FormErrorDto | null => {
    const own = clientErrors[path] ?? external[path];
    if (own) return own;
    const server = evaluation?.fields[path]?.error ?? null;
    if (!server) return null;
    return showAllErrors || attempted || touched.has(path) ? server : null;
  };

  const runAction = async (action: ActionDefinition) => {
    const validates = action.validate !== false;
    if (validates) {
      setAttempted(true);
      const missing = clientRequiredErrors(form, values, evaluation, action, (label) => ({
        message: t('renderer.required', { label, lng: 'zh' }),
        messageEn: t('renderer.required', { label, lng: 'en' }),
      }));
      setClientErrors(missing);
      if (Object.keys(missing).length > 0) return scrollToFirstError();
      if (evaluation && !pending && !evaluation.isValid) return scrollToFirstError();
    }
    const clean = evaluation ? applyEvaluation(form, values, evaluation) : values;
    await props.onAction?.(action.key, valuesForSubmit(form, clean, evaluation));
  };

  const formErrors = [
    ...(evaluation?.errors.filter((error) => error.path === '') ?? []),
    ...(props.errors?.filter((error) => error.path === '') ?? []),
  ];

  const renderField = (field: FieldDefinition, path: string, group?: FieldDefinition, row?: number) => {
    const state = stateOf(field, path, evaluation);
    if (!state.visible) return null;
    const fieldReadOnly = readOnly || state.readOnly;
    const displayed = field.compute !== undefined && evaluation?.fields[path] ? state.value ?? undefined : getAt(values, path);
    const error = errorAt(path);
    const change_ = diff && row === undefined ? diff[field.key] : undefined;
    const wide = isWide(field) || group !== undefined && (group.fields?.length ?? 0) <= 1;
    return (
      <Col key={path} xs={24} md={wide ? 24 : 12}>
        <div data-testid={`field-${path}`} data-path={path} data-kind={field.kind} data-required={state.required ? 'true' : 'false'}
          data-readonly={fieldReadOnly ? 'true' : 'false'} data-error-key={error?.key ?? ''}
          className={change_ ? `fg-field fg-diff-${change_}` : 'fg-field'}>
          {field.kind === 'group'
            ? renderGroup(field, fieldReadOnly, error)
            : (
              <Form.Item
                label={field.kind === 'info' ? undefined : <Space size={4}>{field.label ?? field.key}{change_ && <Tag color={change_ === 'added' ? 'green' : 'orange'}>{t(`renderer.diff.${change_}`)}</Tag>}</Space>}
                required={state.required && !fieldReadOnly}
                validateStatus={error ? 'error' : undefined}
                help={error ? <span data-testid={`field-error-${path}`}>{errorMessage(error, i18n.language)}</span> : undefined}
                extra={field.help}
              >
                <FieldInput field={field} path={path} value={displayed} onChange={(next) => change(path, next)}
                  options={state.options} readOnly={fieldReadOnly} invalid={error !== null} environment={environment} />
              </Form.Item>
            )}
        </div>
      </Col>
    );
  };

  const renderGroup = (group: FieldDefinition, groupReadOnly: boolean, error: FormErrorDto | null) => {
    const rows = rowsOf(values, group.key);
    const canAdd = !groupReadOnly && (group.maxRows === undefined || rows.length < group.maxRows);
    const canRemove = !groupReadOnly && rows.length > (group.minRows ?? 0);
    return (
      <div className="fg-group">
        <Typography.Text strong>{group.label ?? group.key}</Typography.Text>
        {rows.map((_, row) => (
          <Card key={row} size="small" className="fg-group-row" data-testid={`group-row-${group.key}-${row}`}
            title={t('renderer.row', { index: row + 1 })}
            extra={canRemove && <Button size="small" type="text" danger icon={<DeleteOutlined />} data-testid={`group-remove-${group.key}-${row}`}
              onClick={() => { setValues((previous) => removeRow(previous, group.key, row)); }}>{t('renderer.removeRow')}</Button>}>
            <Row gutter={16}>
              {(group.fields ?? []).map((sub) => renderField(sub, fieldPath(sub.key, group.key, row), group, row))}
            </Row>
          </Card>
        ))}
        {canAdd && <Button block type="dashed" icon={<PlusOutlined />} data-testid={`group-add-${group.key}`}
          onClick={() => setValues((previous) => addRow(previous, group))}>{t('renderer.addRow')}</Button>}
        {error && <Typography.Text type="danger" data-testid={`field-error-${group.key}`}>{errorMessage(error, i18n.language)}</Typography.Text>}
      </div>
    );
  };

  const actions = actionsOf(form);
  return (
    <Form layout="vertical" component="div" className="fg-form" data-testid="form-renderer" data-pending={pending ? 'true' : 'false'}>
      {(form.title || form.description) && (
        <div className="fg-form-head">
          {form.title && <Typography.Title level={4} style={{ margin: 0 }}>{form.title}</Typography.Title>}
          {form.description && <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{form.description}</Typography.Paragraph>}
        </div>
      )}
      {failure !== null && failure !== undefined && (
        <Alert type="warning" showIcon data-testid="form-evaluate-failed" title={t('renderer.evaluateFailed')}
          description={failure instanceof Error ? failure.message : String(failure)} />
      )}
      {sectionsOf(form).map((section, index) => {
        const content = <Row gutter={16}>{(section.fields ?? []).map((field) => renderField(field, field.key))}</Row>;
        return section.title
          ? <Card key={section.key ?? index} size="small" title={section.title} className="fg-section" data-testid={`section-${section.key ?? index}`}>{content}</Card>
          : <div key={section.key ?? index} className="fg-section-plain">{content}</div>;
      })}
      {formErrors.length > 0 && (showAllErrors || attempted) && (
        <Alert type="error" showIcon data-testid="form-errors" title={formErrors.map((error) => errorMessage(error, i18n.language)).join('；')} />
      )}
      {!readOnly && props.onAction && (
        <div className="fg-actions">
          {actions.map((action) => {
            const button = (
              <Button key={action.key} data-testid={`form-action-${action.key}`} loading={props.busyAction === action.key}
                type={action.style === 'primary' ? 'primary' : action.style === 'link' ? 'link' : 'default'} danger={action.style === 'danger'}
                onClick={action.confirm ? undefined : () => void runAction(action)}>
                {action.label ?? t(`renderer.action.${action.key === 'submit' ? 'submit' : 'other'}`, { key: action.key })}
              </Button>
            );
            return action.confirm
              ? <Popconfirm key={action.key} title={action.confirm} onConfirm={() => runAction(action)}>{button}</Popconfirm>
              : button;
          })}
        </div>
      )}
    </Form>
  );
}

function scrollToFirstError(): void {
  // After React paints the error states.
  requestAnimationFrame(() => {
    document.querySelector('.fg-form .ant-form-item-has-error, .fg-form [data-error-key]:not([data-error-key=""])')
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
