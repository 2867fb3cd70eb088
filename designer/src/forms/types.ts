// Types of the form JSON (docs/form-format.md) and of the server's evaluation (contract 1).
// Kept loose where the format is: unknown properties such as `x-*` and `ui` pass through.

export type FieldKind =
  | 'text' | 'textarea' | 'number' | 'integer' | 'money' | 'date' | 'datetime'
  | 'select' | 'radio' | 'checkboxes' | 'multiselect' | 'boolean'
  | 'mobile' | 'idcard' | 'email' | 'rating' | 'photo' | 'file' | 'location'
  | 'person' | 'orgunit' | 'category' | 'group' | 'info';

export const fieldKinds: readonly FieldKind[] = [
  'text', 'textarea', 'number', 'integer', 'money', 'date', 'datetime',
  'select', 'radio', 'checkboxes', 'multiselect', 'boolean',
  'mobile', 'idcard', 'email', 'rating', 'photo', 'file', 'location',
  'person', 'orgunit', 'category', 'group', 'info',
];

export interface OptionDefinition {
  value: string;
  label?: string;
}

export type Localized = string | { 'zh-CN'?: string; en?: string };

export interface FieldDefinition {
  key: string;
  kind: FieldKind;
  label?: string;
  placeholder?: string;
  help?: string;
  required?: boolean;
  readOnly?: boolean;
  default?: unknown;
  min?: number | string;
  max?: number | string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: Localized;
  /** Static list, plain strings, or an options script (a string). */
  options?: (OptionDefinition | string)[] | string;
  optionsFrom?: string;
  minCount?: number;
  maxCount?: number;
  maxSizeBytes?: number;
  accept?: string[] | string;
  taxonomyRoot?: string;
  fields?: FieldDefinition[];
  minRows?: number;
  maxRows?: number;
  text?: string;
  visibleWhen?: string;
  requiredWhen?: string;
  readOnlyWhen?: string;
  compute?: string;
  validate?: string;
  validation?: Record<string, unknown>;
  [extra: `x-${string}`]: unknown;
  ui?: unknown;
}

export interface SectionDefinition {
  key?: string;
  title?: string;
  fields: FieldDefinition[];
}

export interface ActionDefinition {
  key: string;
  label?: string;
  style?: 'primary' | 'default' | 'danger' | 'link';
  confirm?: string;
  validate?: boolean;
}

export interface FormDefinition {
  key?: string;
  title?: string;
  description?: string;
  sections?: SectionDefinition[];
  fields?: FieldDefinition[];
  actions?: ActionDefinition[];
  validate?: string;
}

export type FormValues = Record<string, unknown>;

export interface FormErrorDto {
  path: string;
  key: string;
  message: string;
  messageEn: string;
}

export interface FieldStateDto {
  path: string;
  key: string;
  kind: FieldKind;
  visible: boolean;
  required: boolean;
  readOnly: boolean;
  value: unknown;
  options: OptionDefinition[] | null;
  error: FormErrorDto | null;
  row: number | null;
}

/** The server's FormEvaluation (contract 1). */
export interface Evaluation {
  fields: Record<string, FieldStateDto>;
  errors: FormErrorDto[];
  values: FormValues;
  isValid: boolean;
}

export type EvaluateFn = (values: FormValues) => Promise<Evaluation>;

/** How each field key changed against an earlier version (contract 7 `forms[].fields[]`). */
export type FieldDiff = Record<string, 'added' | 'changed' | 'removed'>;

/** Uploads one file for a photo/file field; answers the attachment id (sha-256). */
export type AttachmentUpload = (fieldKey: string, file: File) => Promise<string>;
