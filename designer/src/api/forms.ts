// Form endpoints (contract 1) and attachment upload, used by every page that renders a form.
import { api } from './client';
import type { Evaluation, FormDefinition, FormValues } from '../forms/types';

export interface EvaluateFormRequest {
  form?: FormDefinition;
  definitionKey?: string;
  /** 0 or absent: the draft. */
  version?: number;
  formKey?: string;
  values: FormValues;
  vars?: Record<string, unknown>;
}

/** Inline form (designer preview; designer role) or a stored one. */
export function evaluateForm(request: EvaluateFormRequest, signal?: AbortSignal): Promise<Evaluation> {
  return api.post<Evaluation>('/api/forms/evaluate', request, { signal });
}

/** A task's pinned form with the task's context. */
export function evaluateTaskForm(taskId: string, values: FormValues, signal?: AbortSignal): Promise<Evaluation> {
  return api.post<Evaluation>(`/api/tasks/${encodeURIComponent(taskId)}/evaluate`, { values }, { signal });
}

export interface UploadedAttachment {
  hash: string;
  [extra: string]: unknown;
}

/** Uploads one file for a photo/file field of a task's form; answers the attachment id. */
export async function uploadTaskAttachment(taskId: string, fieldKey: string, file: File): Promise<string> {
  const body = new FormData();
  body.append('file', file, file.name);
  const saved = await api.post<UploadedAttachment>(
    `/api/tasks/${encodeURIComponent(taskId)}/attachments?field=${encodeURIComponent(fieldKey)}`, body);
  return saved.hash;
}

/** The three functions a task page hands to the FormRenderer. */
export function taskFormBindings(taskId: string) {
  return {
    evaluate: (values: FormValues) => evaluateTaskForm(taskId, values),
    attachmentUpload: (fieldKey: string, file: File) => uploadTaskAttachment(taskId, fieldKey, file),
  };
}
