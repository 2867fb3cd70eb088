import type { FormErrorDto, Localized } from './types';

/** The message in the UI language: English for `en*`, Chinese otherwise (as the server's MessageFor). */
export function errorMessage(error: FormErrorDto, language: string): string {
  return language.startsWith('en') ? error.messageEn || error.message : error.message;
}

export function localized(text: Localized | undefined, language: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  return language.startsWith('en') ? (text.en ?? text['zh-CN']) : (text['zh-CN'] ?? text.en);
}
