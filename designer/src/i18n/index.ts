import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCommon from './locales/zh/common.json';
import enCommon from './locales/en/common.json';
import zhDesigner from './locales/zh/designer.json';
import enDesigner from './locales/en/designer.json';
import zhFrontline from './locales/zh/frontline.json';
import enFrontline from './locales/en/frontline.json';
import zhForms from './locales/zh/forms.json';
import enForms from './locales/en/forms.json';
import zhAdmin from './locales/zh/admin.json';
import enAdmin from './locales/en/admin.json';

// One catalogue per area (namespace), so each area's strings live beside each other in both languages.
export const resources = {
  zh: { common: zhCommon, designer: zhDesigner, frontline: zhFrontline, forms: zhForms, admin: zhAdmin },
  en: { common: enCommon, designer: enDesigner, frontline: enFrontline, forms: enForms, admin: enAdmin },
} as const;

export type Language = keyof typeof resources;
const storageKey = 'flowgov.lang';

function initialLanguage(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(storageKey) : null;
  return saved === 'en' ? 'en' : 'zh';
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'zh',
  ns: ['common', 'designer', 'frontline', 'forms', 'admin'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

export function setLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
  void i18n.changeLanguage(language);
  document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
}

export default i18n;
